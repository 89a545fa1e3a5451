"""
The consultation requests listing: newest first, searched through the blind
index, exported as CSV or XLSX with an audit entry per exported request.
"""

from django.utils.functional import cached_property

from wagtail.admin.views import generic

from clinic_site.fields import EncryptedFieldMixin

from . import get_request_model
from .exports import csv_text, log_export, spreadsheet_text
from .notifications import Delivery


def notification_display(consultation_request):
    """The request's e-mails in one word, from its prefetched outbox messages."""
    return Delivery.LABELS[Delivery.of(consultation_request.outbox_messages.all())]


class ConsultationRequestIndexView(generic.IndexView):
    default_ordering = "-created_at"
    # XLSX cells are typed as text by Wagtail, so formulas need neutralising in CSV only.
    custom_value_preprocess = {
        **generic.IndexView.custom_value_preprocess,
        str: {"csv": csv_text, "xlsx": spreadsheet_text},
    }

    def get_edit_url(self, instance):
        # The name opens the details; the status is changed from there.
        return None

    def get_base_queryset(self):
        return super().get_base_queryset().prefetch_related("outbox_messages")

    @cached_property
    def columns(self):
        return without_encrypted_sorting(super().columns)

    def search_queryset(self, queryset):
        # The columns are encrypted: the query is hashed and looked up in the blind index.
        if not self.is_searching:
            return queryset
        return queryset.search(self.search_query)

    def as_spreadsheet(self, queryset, spreadsheet_format):
        log_export(queryset, spreadsheet_format, self.request.user)
        return super().as_spreadsheet(queryset, spreadsheet_format)


def without_encrypted_sorting(columns):
    """Encrypted columns sort by ciphertext, which means nothing: they are not sortable."""
    encrypted = {
        field.name
        for field in get_request_model()._meta.concrete_fields
        if isinstance(field, EncryptedFieldMixin)
    }
    for column in columns:
        if column.sort_key in encrypted:
            column.sort_key = None
    return columns
