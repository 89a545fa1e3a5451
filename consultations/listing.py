"""
The consultation requests listing: newest first, searched through the blind
index, exported as CSV or XLSX with an audit entry per exported request.
"""

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.tables import BulkActionsCheckboxColumn, Column
from wagtail.admin.views import generic

from clinic_site.fields import EncryptedFieldMixin

from . import get_request_model
from .choices import Status
from .exports import RequestExportMixin
from .notifications import Delivery


def notification_display(consultation_request):
    """The request's e-mails in one word, from its prefetched outbox messages."""
    return Delivery.LABELS[Delivery.of(consultation_request.outbox_messages.all())]


class FollowUpColumn(Column):
    """The follow-up date, saying "overdue" in words as well as in colour."""

    cell_template_name = "consultations/admin/follow_up_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["overdue"] = instance.follow_up_overdue
        return context


class ConsultationRequestIndexView(RequestExportMixin, generic.IndexView):
    default_ordering = "-created_at"

    def get_edit_url(self, instance):
        # The name opens the details; the status is changed from there.
        return None

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("assignee")
            .prefetch_related("outbox_messages")
        )

    def _get_title_column(self, *args, **kwargs):
        # The id the bulk actions' checkboxes are described by, as Wagtail's snippets do.
        return super()._get_title_column(
            *args,
            **kwargs,
            get_title_id=lambda instance: f"consultationrequest_{instance.pk}_title",
        )

    @cached_property
    def columns(self):
        # The bulk actions' checkboxes first, as on Wagtail's snippet listings.
        checkboxes = BulkActionsCheckboxColumn("bulk_actions", obj_type="consultationrequest")
        return [checkboxes, *without_encrypted_sorting(super().columns)]

    def filter_queryset(self, queryset):
        """Spam stays out of the list unless the status filter asks for it or staff search."""
        queryset = super().filter_queryset(queryset)
        filters = self.filters
        chosen = filters.form.cleaned_data.get("status") if filters and filters.is_valid() else None
        if not chosen and not self.is_searching:
            queryset = queryset.exclude(status=Status.SPAM)
        return queryset

    def search_queryset(self, queryset):
        # The columns are encrypted: the query is hashed and looked up in the blind index.
        if not self.is_searching:
            return queryset
        return queryset.search(self.search_query)

    @cached_property
    def select_all_text(self):
        return _("Select all requests in this list")


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
