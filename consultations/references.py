"""
The short reference a patient quotes when they call about their request.

Eight characters from an alphabet without the letters and digits people mix up
on a phone or in handwriting (0/O, 1/I/L), so "K7QM3XPA" can be read out and
typed back without a mistake. Random rather than counted, so a reference says
nothing about how many requests the clinic gets and cannot be guessed from
another one.
"""

import re
import secrets

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LENGTH = 8
_NOT_IN_REFERENCE = re.compile(r"[\s#-]")


def new_reference():
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def unique_reference(model):
    """A reference no stored request of `model` has yet."""
    while True:
        reference = new_reference()
        if not model._default_manager.filter(reference=reference).exists():
            return reference


def normalise(text):
    """What staff typed ("#k7qm-3xpa") as a stored reference, or "" when it cannot be one."""
    text = _NOT_IN_REFERENCE.sub("", text or "").upper()
    if len(text) == LENGTH and all(ch in ALPHABET for ch in text):
        return text
    return ""
