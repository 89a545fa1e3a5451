"""
How encrypted consultation requests are found: the blind index.

A request's name, e-mail address and phone number are encrypted, so the
database cannot compare them. Beside each request we store keyed hashes
(`clinic_site.crypto.blind_index`) of their normalised forms, one row each in
`BlindIndexEntry`, and look requests up by hashing the query the same way:

- e-mail: lowercased and stripped; also its part before the "@", so "jamie@"
  finds jamie@example.com;
- phone: digits only, with a UK-friendly rule so "07700 900123",
  "+44 7700 900123", "0044 7700 900123" and "+44 (0)7700 900123" are one number;
  other international numbers keep their country code behind "00";
- name: each word, without accents and case, so "Quinlan" and "jamie quinlan"
  find "Jamie Quinlan".

Earlier versions a patient replaced are indexed too, so a patient's request is
found by an address they used before. Only whole values match: a hash cannot
say that a number ends in 0123.
"""

import re
import unicodedata

from clinic_site.crypto import blind_index

EMAIL = "email"
EMAIL_LOCAL = "email_local"
PHONE = "phone"
NAME = "name"
KINDS = (EMAIL, EMAIL_LOCAL, PHONE, NAME)

UK_COUNTRY_CODE = "44"
# A UK number written with its country code but without "+" or "00":
# 44 followed by the ten digits of the national number without its leading 0.
UK_WITHOUT_PREFIX_LENGTH = 12
PHONE_QUERY = re.compile(r"^\+?[0-9()\-.\s/]+$")
MIN_PHONE_DIGITS = 7
# Words of a name searched at once; more are ignored.
MAX_QUERY_WORDS = 8


def normalise_email(value):
    return (value or "").strip().lower()


def normalise_phone(value):
    """
    One spelling per number. UK numbers in their national form ("07700900123"),
    whichever way they were written; other international numbers as "00" and
    their digits; anything else as its digits.
    """
    value = (value or "").strip()
    digits = re.sub(r"\D", "", value)
    if value.startswith("+"):
        international = digits
    elif digits.startswith("00"):
        international = digits[2:]
    elif digits.startswith(UK_COUNTRY_CODE) and len(digits) == UK_WITHOUT_PREFIX_LENGTH:
        international = digits
    else:
        return digits
    if international.startswith(UK_COUNTRY_CODE):
        national = international[len(UK_COUNTRY_CODE) :]
        # "+44 (0)161 ..." already carries the national 0.
        return national if national.startswith("0") else f"0{national}"
    return f"00{international}" if international else ""


def name_words(value):
    """The name's words, lowercased and without accents ("Zoë O'Neill" → neill, o, zoe)."""
    decomposed = unicodedata.normalize("NFKD", value or "")
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    return sorted(set(re.findall(r"\w+", plain)))


def digest(kind, normalised):
    return blind_index(f"consultations.{kind}", normalised)


def keyed_fingerprint(fingerprint):
    """
    The duplicate check's hash of a request's answers (see `services.py`),
    keyed, so that one stored in the database cannot confirm a guess at them.
    """
    return digest("fingerprint", fingerprint)


def entries(name="", email="", phone=""):
    """The (kind, digest) pairs one version of a request is found by."""
    found = {(NAME, digest(NAME, word)) for word in name_words(name)}
    email = normalise_email(email)
    if email:
        found.add((EMAIL, digest(EMAIL, email)))
        local = email.split("@", 1)[0]
        if local and "@" in email:
            found.add((EMAIL_LOCAL, digest(EMAIL_LOCAL, local)))
    phone = normalise_phone(phone)
    if phone:
        found.add((PHONE, digest(PHONE, phone)))
    return found


def entries_for_request(consultation_request):
    """What a request is found by: its current values and every earlier version's."""
    current = {
        "name": consultation_request.name,
        "email": consultation_request.email,
        "phone": consultation_request.phone,
    }
    found = set()
    versions = [current, *(consultation_request.earlier_versions or [])]
    for version in versions:
        found |= entries(
            name=str(version.get("name") or ""),
            email=str(version.get("email") or ""),
            phone=str(version.get("phone") or ""),
        )
    return found


def query_terms(query):
    """
    What a staff member's search means: (kind, digest) pairs that must all
    match. An e-mail address (or its part before "@", ending with "@") is
    looked up as one; a number (at least 7 digits) as a phone number; anything
    else as the words of a name, all of which must be in it.
    """
    query = (query or "").strip()
    if "@" in query:
        email = normalise_email(query)
        if email.endswith("@") and email.count("@") == 1:
            return [(EMAIL_LOCAL, digest(EMAIL_LOCAL, email[:-1]))]
        return [(EMAIL, digest(EMAIL, email))]
    if PHONE_QUERY.match(query) and len(re.sub(r"\D", "", query)) >= MIN_PHONE_DIGITS:
        return [(PHONE, digest(PHONE, normalise_phone(query)))]
    return [(NAME, digest(NAME, word)) for word in name_words(query)[:MAX_QUERY_WORDS]]
