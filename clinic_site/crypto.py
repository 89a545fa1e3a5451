"""
Encryption at rest and blind indexes for personal data, shared by every app.

Values are encrypted with Fernet (AES-128-CBC with an HMAC-SHA256, from the
`cryptography` package) under `CLINIC_ENCRYPTION_KEYS`, a list of keys newest
first, through `MultiFernet`: the newest key encrypts, any key decrypts. So keys
can be rotated without downtime: put a new key in front, re-encrypt the rows
(each app that stores encrypted data has a command for it), then drop the old key.

Encrypted values cannot be searched, so an app that must find rows by a value
stores a *blind index* beside it: a keyed hash (HMAC-SHA256) of the normalised
value under `CLINIC_BLIND_INDEX_KEY`. Equal values give equal hashes, so an
exact match still works, but without the key a hash reveals nothing. That key
is separate from the encryption keys so their rotation leaves every index valid.

Settings are read on each call (cached per key list), so `override_settings`
works and nothing is read at import time.
"""

import functools
import hashlib
import hmac

from django.core.exceptions import ImproperlyConfigured

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from . import conf

KEYS_SETTING = "CLINIC_ENCRYPTION_KEYS"
BLIND_INDEX_SETTING = "CLINIC_BLIND_INDEX_KEY"


class DecryptionError(Exception):
    """
    A stored value could not be decrypted with any configured key: a key was
    removed before its rows were re-encrypted, or the value was not written by
    this code. Raised rather than showing ciphertext or guessing.
    """


def encryption_keys():
    """The configured keys, newest first; a comma-separated string is accepted too."""
    keys = conf.get(KEYS_SETTING) or []
    if isinstance(keys, str):
        keys = keys.split(",")
    return tuple(key.strip() for key in keys if key and key.strip())


@functools.lru_cache(maxsize=8)
def _multi_fernet(keys):
    try:
        return MultiFernet([Fernet(key) for key in keys])
    except (ValueError, TypeError) as error:
        raise ImproperlyConfigured(
            f"{KEYS_SETTING} holds a value that is not a Fernet key (32 url-safe "
            "base64-encoded bytes); see docs/privacy.md."
        ) from error


def get_fernet():
    keys = encryption_keys()
    if not keys:
        raise ImproperlyConfigured(
            f"{KEYS_SETTING} is empty, so personal data cannot be encrypted; see docs/privacy.md."
        )
    return _multi_fernet(keys)


def encrypt(text):
    """`text` encrypted with the newest key, as an ASCII token."""
    return get_fernet().encrypt(text.encode()).decode("ascii")


def decrypt(token):
    try:
        return get_fernet().decrypt(token.encode("ascii")).decode()
    except (InvalidToken, UnicodeEncodeError) as error:
        raise DecryptionError(
            f"A stored value could not be decrypted with any key in {KEYS_SETTING}. Was a key "
            "removed before the rows it encrypted were re-encrypted with a newer one?"
        ) from error


def is_valid_key(key):
    try:
        Fernet(key)
    except (ValueError, TypeError):
        return False
    return True


def blind_index_key():
    key = conf.get(BLIND_INDEX_SETTING)
    if not key:
        raise ImproperlyConfigured(
            f"{BLIND_INDEX_SETTING} is empty, so encrypted values cannot be searched; "
            "see docs/privacy.md."
        )
    return key.encode() if isinstance(key, str) else key


def blind_index(purpose, value):
    """
    The keyed hash of an already normalised `value`. `purpose` (e.g.
    "consultations.email") keeps hashes of different kinds of value apart, so
    an e-mail's hash never matches a name word's.
    """
    message = f"{purpose}\x1f{value}".encode()
    return hmac.new(blind_index_key(), message, hashlib.sha256).hexdigest()
