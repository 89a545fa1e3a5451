"""
Text from outside (forms, query strings, JSON bodies) made safe to store, search and export.

PostgreSQL refuses NUL in text and lone UTF-16 surrogates in JSON, SQLite's
full-text search stops at a NUL, and spreadsheets cannot hold most control
characters (openpyxl raises `IllegalCharacterError`). None of these characters
means anything to a patient, so every front door drops them here, in one place,
instead of failing later in the database or the export. Tabs and line breaks
are kept where text may run over several lines (a message, a comment).

Apps use `clean_text()` for single values, `CleanTextFormMixin` on their forms,
`clean_json_strings()` for parsed JSON bodies and `clean_search_query()` for
what a visitor types into a search box.
"""

import re

from django import forms
from django.http import QueryDict

# C0 controls except tab, line feed and carriage return; DEL and the C1
# controls; lone surrogates; and the two non-characters XML (so XLSX) refuses.
UNSAFE_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
LINE_BREAKS = re.compile(r"\r\n?")
WHITESPACE_CONTROLS = re.compile(r"[\t\n\r]")
# Characters the full-text backends read as query syntax inside a term
# (SQLite's FTS5 wraps each term in double quotes); a plain search never needs them.
SEARCH_SYNTAX = re.compile('"')
SEARCH_MAX_LENGTH = 200


def clean_text(value, *, multiline=False):
    """
    `value` without characters no database, e-mail or spreadsheet should hold.

    Multi-line text keeps tabs and line breaks (Windows and old Mac line breaks
    become `\\n`); single-line text gets a space in their place, so two words
    never run together.
    """
    value = UNSAFE_CHARACTERS.sub("", value)
    if multiline:
        return LINE_BREAKS.sub("\n", value)
    return WHITESPACE_CONTROLS.sub(" ", value)


def clean_search_query(value, max_length=SEARCH_MAX_LENGTH):
    """
    A search box's text as every search backend can take it: one line, no
    query syntax, single spaces, at most `max_length` characters.
    """
    value = SEARCH_SYNTAX.sub(" ", clean_text(value or ""))
    return " ".join(value.split())[:max_length].strip()


def clean_json_strings(value):
    """
    A parsed JSON document with every string, key or value, cleaned. Line
    breaks and tabs are kept: the form each value goes to knows whether its
    field is a single line.
    """
    if isinstance(value, str):
        return clean_text(value, multiline=True)
    if isinstance(value, list):
        return [clean_json_strings(item) for item in value]
    if isinstance(value, dict):
        return {clean_json_strings(key): clean_json_strings(item) for key, item in value.items()}
    return value


class CleanTextFormMixin:
    """
    A form mixin: every submitted text value is cleaned with `clean_text()`
    before any field validates it, so a stray control character never fails a
    save or an export, and the form shows the patient the cleaned text if it
    has to be corrected. Fields with a `Textarea` keep tabs and line breaks.

    Works with fields added after `__init__` (for example Wagtail's form
    builder fields), since cleaning happens when the form is validated.
    """

    def full_clean(self):
        if self.is_bound:
            multiline = {
                self.add_prefix(name)
                for name, field in self.fields.items()
                if isinstance(field.widget, forms.Textarea)
            }
            self.data = clean_form_data(self.data, multiline)
        super().full_clean()


def clean_form_data(data, multiline=()):
    """
    A copy of submitted form data (a `QueryDict` from a POST or a plain dict
    from a JSON body) with its strings cleaned; keys in `multiline` keep line breaks.
    Values that are not text (a list of ticks, a number) keep their shape.
    """

    def clean(key, value):
        if isinstance(value, str):
            return clean_text(value, multiline=key in multiline)
        if isinstance(value, list | tuple):
            return [clean(key, item) for item in value]
        return value

    if isinstance(data, QueryDict):
        cleaned = QueryDict(mutable=True, encoding=data.encoding)
        for key, values in data.lists():
            cleaned.setlist(key, clean(key, values))
        return cleaned
    return {key: clean(key, value) for key, value in data.items()}
