"""
Logging filters that keep patient data out of the logs.

An exception's message may repeat the input that caused it: PostgreSQL's
errors quote the offending JSON or text (`CONTEXT: JSON data, line 1: ...`
with a patient's answer in it), a `UnicodeEncodeError` carries the whole
string, a `ValueError` often shows the value. Django logs every unhandled
exception with its message ("Internal Server Error" in `django.request`), so
without this filter one bad request could copy a consultation request into
the server's logs. The type and the traceback's frames (file, line, code) are
enough to find the fault; the data stays in the database.
"""

import logging
import traceback

WITHHELD = "(message withheld: it may hold personal data)"


def exception_chain(error):
    """`error` and the exceptions it was raised from or during, oldest first."""
    chain, seen = [], set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        chain.append(error)
        if error.__cause__ is not None:
            error = error.__cause__
        elif not error.__suppress_context__:
            error = error.__context__
        else:
            error = None
    return list(reversed(chain))


def withheld_traceback(error):
    """The traceback of `error` and its chain, each exception shown by its type only."""
    parts = []
    for position, item in enumerate(exception_chain(error)):
        if position:
            parts.append("\nThe above exception led to the following exception:\n\n")
        parts.append("Traceback (most recent call last):\n")
        parts.extend(traceback.format_tb(item.__traceback__))
        kind = type(item)
        parts.append(f"{kind.__module__}.{kind.__qualname__} {WITHHELD}\n")
    return "".join(parts).rstrip("\n")


class WithholdExceptionMessages(logging.Filter):
    """
    Replace a record's exception by its type and traceback, without the
    message. Attach it to every handler (see `LOGGING` in the settings).
    """

    def filter(self, record):
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = withheld_traceback(record.exc_info[1])
            record.exc_info = None
        return True
