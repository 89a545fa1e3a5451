"""
Model fields whose values are encrypted in the database (see `clinic_site.crypto`).

    from clinic_site.fields import EncryptedJSONField, EncryptedTextField

    class Enquiry(models.Model):
        name = EncryptedTextField(_("name"))
        answers = EncryptedJSONField(_("answers"), default=dict, blank=True)

Python code sees plain values: they are decrypted as rows are read
(`from_db_value`, also for `values()`) and encrypted as they are written
(`get_prep_value`, also for `update()` and `bulk_update()`). The column is a
text column holding the token, whatever the value's type or length, so length
limits belong on the forms that accept the value. A token changes every time
the same value is written, so the database cannot compare values: every lookup
but `isnull` raises `FieldError`, which says so, instead of matching nothing.
Ordering by such a field orders by ciphertext, meaning nothing: don't offer it.
Store a blind index (`clinic_site.crypto.blind_index`) beside a value that must
be found.
"""

import json

from django import forms
from django.core.exceptions import FieldError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from . import crypto


class EncryptedFieldMixin:
    """Text column, encrypted on the way in, decrypted on the way out, no lookups."""

    # The only lookup that does not need to read the value.
    allowed_lookups = frozenset({"isnull"})

    def get_internal_type(self):
        return "TextField"

    def get_lookup(self, lookup_name):
        if lookup_name in self.allowed_lookups:
            return super().get_lookup(lookup_name)
        raise FieldError(self._refusal(lookup_name))

    def get_transform(self, lookup_name):
        raise FieldError(self._refusal(lookup_name))

    def _refusal(self, lookup_name):
        return (
            f"{self.model.__name__}.{self.name} is encrypted in the database, so it cannot be "
            f"filtered with '{lookup_name}' (only 'isnull'). Search its blind index instead."
        )

    def get_prep_value(self, value):
        value = self.to_storage(value)
        return None if value is None else crypto.encrypt(value)

    def from_db_value(self, value, expression, connection):
        return None if value is None else self.from_storage(crypto.decrypt(value))

    def to_storage(self, value):
        """The value as the text to encrypt (None for SQL NULL)."""
        raise NotImplementedError

    def from_storage(self, text):
        """The Python value from decrypted text."""
        raise NotImplementedError


class EncryptedTextField(EncryptedFieldMixin, models.TextField):
    """A `TextField` stored encrypted. Give the form field its `max_length`."""

    def to_storage(self, value):
        return models.TextField.get_prep_value(self, value)

    def from_storage(self, text):
        return text


class EncryptedJSONField(EncryptedFieldMixin, models.TextField):
    """
    JSON-serialisable values (dicts, lists, strings, numbers, booleans, dates
    through Django's encoder) stored as encrypted JSON text. Unlike `JSONField`
    it has no key lookups: the database never sees the structure.
    """

    def to_python(self, value):
        # Like JSONField: deserialised fixtures and forms already give Python values.
        return value

    def to_storage(self, value):
        if value is None:
            return None
        return json.dumps(value, cls=DjangoJSONEncoder)

    def from_storage(self, text):
        return json.loads(text)

    def value_to_string(self, obj):
        # The Python value, so dumpdata writes JSON rather than a repr.
        return self.value_from_object(obj)

    def formfield(self, **kwargs):
        return super().formfield(
            **{"form_class": forms.JSONField, "encoder": DjangoJSONEncoder, **kwargs}
        )
