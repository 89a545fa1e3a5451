"""
Hypothesis strategies and settings for the bad-input tests of every public door.

Bounded and deterministic: each property runs a few dozen examples, derived
from the test's name (`derandomize=True`) rather than chance, with no example
database, so a run in CI meets the same inputs every time.
"""

import json
import unicodedata
from contextlib import contextmanager

from django.db import transaction

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from tests import caches


def bounded(max_examples=25):
    """Settings for a property over HTTP requests: few examples, no deadline, repeatable."""
    return settings(
        max_examples=max_examples,
        deadline=None,
        derandomize=True,
        database=None,
        # Each example runs in its own savepoint (see `isolated()`), so the
        # function-scoped `db` fixture is safe to share between examples.
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


@contextmanager
def isolated():
    """
    Run one example as if it were a test of its own: empty caches (rate limits;
    on Redis, this process's keys only) and a savepoint rolled back afterwards,
    so nothing it stored is seen by the next.
    """
    caches.empty_all()
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


# Characters and words that have broken a parser, a database or a spreadsheet.
TRICKY = [
    "\x00",
    "\x1b",
    "\x07",
    "\x7f",
    "\x85",
    "\r\n",
    "\r",
    "\n",
    "\t",
    '"',
    "'",
    "\\",
    "%",
    "%00",
    "*",
    "(",
    ")",
    ":",
    "^",
    "-",
    "+",
    "=",
    "@",
    "<script>",
    "NEAR",
    "AND",
    "OR",
    "NOT",
    "\u202e",
    "\ufeff",
    "\u200b",
    "\ufffe",
    "\uffff",
    "😀",
    "ß",
    "İ",
    "٣",
    "x" * 300,
]
SURROGATES = ["\ud800", "\udfff", "\udc80"]


def text(*, surrogates=False, max_parts=6):
    """Short strings mixing ordinary text with tricky characters and words."""
    parts = [st.sampled_from(TRICKY), st.text(max_size=10)]
    if surrogates:
        parts.append(st.sampled_from(SURROGATES))
        parts.append(st.text(st.characters(exclude_categories=()), max_size=5))
    return st.lists(st.one_of(*parts), max_size=max_parts).map("".join)


def numbers():
    """Numbers as a query string carries them: huge, negative, fractional, not quite numbers."""
    return st.one_of(
        st.integers(min_value=-(2**70), max_value=2**70).map(str),
        st.sampled_from(
            ["0", "-1", "1e3", "NaN", "inf", "99999999999999999999", "9" * 5000, "1.5", " 2"]
        ),
        st.floats(allow_nan=True, allow_infinity=True).map(str),
    )


def query_values(*, surrogates=False):
    """Anything a parameter may hold: text, numbers, or nothing."""
    return st.one_of(text(surrogates=surrogates), numbers(), st.just(""))


def noise(*, max_parts=3):
    """
    Characters that carry no meaning in a line of text and that the site
    removes before storing it (control characters, and lone surrogates from JSON).
    """
    removable = ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x1f", "\x7f", "\x9f"]
    return st.lists(st.sampled_from(removable), min_size=1, max_size=max_parts).map("".join)


def json_values(*, max_leaves=8):
    """Any JSON value, with tricky strings (surrogates included) and deep-ish nesting."""
    scalars = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(2**70), max_value=2**70),
        st.floats(allow_nan=False, allow_infinity=False),
        text(surrogates=True),
    )
    return st.recursive(
        scalars,
        lambda children: st.one_of(
            st.lists(children, max_size=3),
            st.dictionaries(text(max_parts=2), children, max_size=3),
        ),
        max_leaves=max_leaves,
    )


def json_body(document):
    """`document` as JSON bytes; lone surrogates become `\\udxxx` escapes, as in any JSON."""
    return json.dumps(document).encode()


def has_unsafe_characters(value, allowed="\t\n"):
    """
    True when `value` holds a character a database or spreadsheet may refuse:
    control characters other than those `allowed`, and lone surrogates.
    """
    return any(unicodedata.category(char) in ("Cc", "Cs") and char not in allowed for char in value)
