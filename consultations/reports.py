"""
The "Consultation requests audit log" report: every logged action on a request
(viewed, exported, changed, corrected by the patient, erased, deleted after the
retention period), with who and when, filtered by action, user and date.

Visible to superusers and staff with `consultations.view_audit_log`; the
entries name requests by number only, so the report shows no patient data.
Registered in `wagtail_hooks.py`.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.defaults import permission_denied

from wagtail.admin.views.generic.history import HistoryFilterSet
from wagtail.admin.views.reports import ReportView
from wagtail.log_actions import registry as log_action_registry
from wagtail.models import ModelLogEntry

from . import get_request_model

PERMISSION = "consultations.view_audit_log"


def can_view_audit_log(user):
    return user.is_active and (user.is_superuser or user.has_perm(PERMISSION))


def action_display(action):
    return str(log_action_registry.get_action_label(action))


class AuditLogFilterSet(HistoryFilterSet):
    """Action, user and date range, offering only the actions and users in the log."""

    class Meta:
        model = ModelLogEntry
        fields = []


class ConsultationAuditLogView(ReportView):
    page_title = _("Consultation requests audit log")
    header_icon = "history"
    results_template_name = "wagtailadmin/reports/site_history_results.html"
    index_url_name = "consultations_audit_log"
    index_results_url_name = "consultations_audit_log_results"
    filterset_class = AuditLogFilterSet
    list_export = ["object_id", "label", "action", "user_display_name", "timestamp"]
    export_headings = {
        "object_id": _("Request ID"),
        "label": _("Request"),
        "action": _("Action"),
        "user_display_name": _("User"),
        "timestamp": _("Date/Time"),
    }

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        action_label = {self.FORMAT_CSV: action_display, self.FORMAT_XLSX: action_display}
        self.custom_field_preprocess = {**self.custom_field_preprocess, "action": action_label}

    def dispatch(self, request, *args, **kwargs):
        # 403 rather than the admin's redirect to the dashboard, as for requests themselves.
        if not can_view_audit_log(request.user):
            return permission_denied(request, PermissionDenied())
        return super().dispatch(request, *args, **kwargs)

    def get_filename(self):
        return "consultation-requests-audit-log"

    def get_queryset(self):
        content_type = ContentType.objects.get_for_model(
            get_request_model(), for_concrete_model=False
        )
        return (
            ModelLogEntry.objects.filter(content_type=content_type)
            .select_related("user", "content_type")
            .order_by("-timestamp", "-pk")
        )

    def get_filterset_kwargs(self):
        # The filters offer the actions and users found in this log, not the whole site's.
        return {**super().get_filterset_kwargs(), "queryset": self.get_queryset()}

    def decorate_paginated_queryset(self, object_list):
        """Link entries of requests that still exist, for staff who may open them."""
        entries = list(object_list)
        if not self.request.user.has_perm("consultations.view_consultationrequest"):
            return entries
        ids = {int(entry.object_id) for entry in entries if entry.object_id.isdigit()}
        existing = set(get_request_model().objects.filter(pk__in=ids).values_list("pk", flat=True))
        for entry in entries:
            if entry.object_id.isdigit() and int(entry.object_id) in existing:
                entry.edit_url = reverse("consultationrequest:inspect", args=[entry.object_id])
        return entries
