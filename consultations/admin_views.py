"""
The staff side of consultation requests: listing with filters and export,
detail with history, status changes recorded in the audit log, and the
dashboard panel. Registered in `wagtail_hooks.py`.
"""

import datetime
import functools

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.db.models.functions import TruncWeek
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.defaults import permission_denied

import django_filters
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import LogFormatter, log
from wagtail.models import ModelLogEntry, Page
from wagtail.permission_policies import ModelPermissionPolicy

from clinic_site.fields import EncryptedFieldMixin
from clinic_site.text import clean_text

from . import audit
from .models import ConsultationRequest
from .notifications import KIND_LABELS, KINDS, Delivery

STAFF_PERMISSIONS = ["view", "change"]
ALL_PERMISSIONS = ["view", "change", "delete"]
CHART_WEEKS = 12
CHART_COLOURS = ["#0a5a5c", "#b5541c", "#3d5a80", "#6a4c93", "#2d6a4f", "#8d3b57", "#4a5563"]

permission_policy = ModelPermissionPolicy(ConsultationRequest)


def requested_treatments(request):
    return Page.objects.filter(
        pk__in=ConsultationRequest.objects.filter(treatment__isnull=False).values("treatment_id")
    ).order_by("title")


class ConsultationRequestFilterSet(WagtailFilterSet):
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"),
        choices=ConsultationRequest.Status.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    treatment = django_filters.ModelChoiceFilter(
        label=_("Treatment"),
        queryset=requested_treatments,
        null_label=_("Not sure yet"),
    )
    consultation_type = django_filters.ChoiceFilter(
        label=_("Consultation type"), choices=ConsultationRequest.ConsultationType.choices
    )
    created_at = django_filters.DateFromToRangeFilter(
        label=_("Received"), widget=DateRangePickerWidget
    )
    notification_status = django_filters.ChoiceFilter(
        label=_("Notification"), choices=Delivery.CHOICES, method="filter_notification_status"
    )

    class Meta:
        model = ConsultationRequest
        fields = ["status", "treatment", "consultation_type", "created_at"]

    def filter_notification_status(self, queryset, name, value):
        return Delivery.filter(queryset, value)


def notification_display(consultation_request):
    """The request's e-mails in one word, from its prefetched outbox messages."""
    return Delivery.LABELS[Delivery.of(consultation_request.outbox_messages.all())]


def neutralise_formula(value):
    """Stop a spreadsheet from running a patient's text as a formula (CSV injection)."""
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def spreadsheet_text(value):
    """
    Text a spreadsheet can hold: control characters out (an XLSX file cannot
    contain them at all), line breaks kept. Requests stored before text was
    cleaned on the way in may still hold them.
    """
    return clean_text(value, multiline=True)


def csv_text(value):
    return neutralise_formula(spreadsheet_text(value))


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
        for field in ConsultationRequest._meta.concrete_fields
        if isinstance(field, EncryptedFieldMixin)
    }
    for column in columns:
        if column.sort_key in encrypted:
            column.sort_key = None
    return columns


def log_export(queryset, spreadsheet_format, user):
    """Every request in an exported list gets an audit entry saying who exported it."""
    if isinstance(queryset, list):
        pks = [item.pk for item in queryset]
    else:
        pks = queryset.values_list("pk", flat=True)
    audit.log_each(
        ConsultationRequest, pks, audit.EXPORTED, user=user, data={"format": spreadsheet_format}
    )


def display_answer(value):
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    return "" if value is None else str(value)


class ConsultationRequestInspectView(generic.InspectView):
    template_name = "consultations/admin/inspect.html"

    def get_field_display_value(self, field_name, field):
        """Yes/No for ticks and a dash for empty values, rather than Python's False/None."""
        value = super().get_field_display_value(field_name, field)
        if isinstance(value, bool):
            return _("Yes") if value else _("No")
        if value is None or value == "":
            return "—"
        return value

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        audit.log_viewed(self.object, request.user)
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Changes only: who viewed or exported it is in the audit log report.
        context["history"] = (
            ModelLogEntry.objects.for_instance(self.object)
            .exclude(action__in=audit.ACCESS_ACTIONS)
            .select_related("user")
            .order_by("-timestamp")
        )
        context["extra_answers"] = [
            {"label": answer.get("label", key), "value": display_answer(answer.get("value"))}
            for key, answer in (self.object.extra_answers or {}).items()
        ]
        context["notifications"] = [
            {"label": KIND_LABELS[message.kind], "message": message}
            for message in self.object.outbox_messages.filter(kind__in=KINDS)
        ]
        context["earlier_versions"] = [
            earlier_version(version) for version in reversed(self.object.earlier_versions)
        ]
        return context

    def get_preferred_days_display_value(self):
        return self.object.preferred_days_display

    def get_preferred_times_display_value(self):
        return self.object.preferred_times_display

    def get_treatment_display_value(self):
        return self.object.treatment_display

    def get_page_display_value(self):
        return self.object.page.title if self.object.page else "-"


def earlier_version(version):
    """An earlier version's answers as label/value rows, for the request's page."""
    labels = {
        "name": _("Name"),
        "email": _("E-mail address"),
        "phone": _("Phone number"),
        "preferred_contact": _("Preferred contact method"),
        "treatment_title": _("Treatment"),
        "consultation_type": _("Consultation type"),
        "preferred_days": _("Preferred days"),
        "preferred_times": _("Preferred times"),
        "message": _("Message"),
        "patient_status": _("New or returning"),
        "heard_about": _("Heard about us through"),
        "marketing_opt_in": _("Agreed to marketing"),
    }
    rows = [
        {"label": label, "value": display_answer(version.get(name))}
        for name, label in labels.items()
    ]
    for key, answer in (version.get("extra_answers") or {}).items():
        rows.append(
            {"label": answer.get("label", key), "value": display_answer(answer.get("value"))}
        )
    received = parse_datetime(version.get("received_at") or "")
    return {"received_at": received, "rows": rows}


class ConsultationRequestEditView(generic.EditView):
    """
    Changes status and staff notes, writing each change to the audit log. Only
    the form's own fields are written, so a patient's corrected version stored
    meanwhile is never overwritten.
    """

    def get_success_url(self):
        return self.get_inspect_url() or super().get_success_url()

    def save_instance(self):
        previous = ConsultationRequest.objects.values("status", "staff_notes").get(
            pk=self.object.pk
        )
        instance = self.form.save(commit=False)
        instance.save(update_fields=[*self.form.fields, "updated_at"])
        user = self.request.user
        if previous["status"] != instance.status:
            log(
                instance,
                "consultations.status_change",
                user=user,
                data={"from": previous["status"], "to": instance.status},
            )
        if previous["staff_notes"] != instance.staff_notes:
            # The notes themselves stay on the request, not in the log.
            log(instance, "consultations.notes_change", user=user)
        return instance


class StatusChangeFormatter(LogFormatter):
    label = _("Change status")

    def format_message(self, log_entry):
        labels = dict(ConsultationRequest.Status.choices)
        data = log_entry.data or {}
        return _("Status changed from %(from)s to %(to)s") % {
            "from": labels.get(data.get("from"), data.get("from")),
            "to": labels.get(data.get("to"), data.get("to")),
        }


class ConsultationRequestViewSet(ModelViewSet):
    model = ConsultationRequest
    icon = "mail"
    menu_label = _("Consultation requests")
    menu_order = 250
    add_to_admin_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False
    index_view_class = ConsultationRequestIndexView
    inspect_view_class = ConsultationRequestInspectView
    edit_view_class = ConsultationRequestEditView
    filterset_class = ConsultationRequestFilterSet
    # Requests are never in Wagtail's search index, and these columns are
    # encrypted: the index view looks queries up in their blind index.
    search_fields = ["name", "email", "phone"]
    search_backend_name = None
    list_per_page = 25
    list_display = [
        "name",
        Column("treatment_title", label=_("Treatment"), accessor="treatment_display"),
        Column(
            "consultation_type",
            label=_("Type"),
            accessor="get_consultation_type_display",
            sort_key="consultation_type",
        ),
        Column("status", label=_("Status"), accessor="get_status_display", sort_key="status"),
        Column("notification_status", label=_("Notification"), accessor=notification_display),
        DateColumn("created_at", label=_("Received"), sort_key="created_at"),
    ]
    # The free-text message and staff notes stay in the admin: an exported file
    # travels further than the admin does, so it carries no health details.
    list_export = [
        "reference",
        "created_at",
        "status",
        "name",
        "email",
        "phone",
        "preferred_contact",
        "treatment_display",
        "consultation_type",
        "preferred_days_display",
        "preferred_times_display",
        "patient_status",
        "heard_about",
        "marketing_opt_in",
        "consent_version",
        "consent_given_at",
        "referrer_path",
        "utm_source",
        "utm_medium",
        "utm_campaign",
    ]
    export_headings = {
        "reference": _("Reference"),
        "treatment_display": _("Treatment"),
        "preferred_days_display": _("Preferred days"),
        "preferred_times_display": _("Preferred times"),
    }
    export_filename = "consultation-requests"
    panels = [FieldPanel("status"), FieldPanel("staff_notes")]
    inspect_view_fields = [
        "created_at",
        "status",
        "name",
        "email",
        "phone",
        "preferred_contact",
        "treatment",
        "consultation_type",
        "preferred_days",
        "preferred_times",
        "patient_status",
        "heard_about",
        "message",
        "staff_notes",
        "marketing_opt_in",
        "consent_text",
        "consent_version",
        "consent_given_at",
        "page",
        "referrer_path",
        "utm_source",
        "utm_medium",
        "utm_campaign",
        "utm_term",
        "utm_content",
    ]

    def get_common_view_kwargs(self, **kwargs):
        # Requests come from patients only: there is no "add" view to link to.
        return super().get_common_view_kwargs(**{"add_url_name": None, **kwargs})

    def get_urlpatterns(self):
        urlpatterns = [url for url in super().get_urlpatterns() if url.name != "add"]
        for url in urlpatterns:
            url.callback = staff_only(url.callback)
        return urlpatterns


def staff_only(view):
    """
    Answer 403 Forbidden to admin users without any permission on requests,
    before the view looks anything up (Wagtail would redirect to the dashboard,
    and a missing id would answer 404, telling them which requests exist).
    """

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if not permission_policy.user_has_any_permission(request.user, ALL_PERMISSIONS):
            return permission_denied(request, PermissionDenied())
        return view(request, *args, **kwargs)

    return wrapped


def weekly_chart(weeks=CHART_WEEKS, now=None):
    """
    Requests per week by treatment over the last `weeks` weeks (spam left out),
    laid out as stacked SVG bars and as a table for screen readers.
    """
    now = now or timezone.now()
    this_week = timezone.localdate(now) - datetime.timedelta(days=timezone.localdate(now).weekday())
    starts = [this_week - datetime.timedelta(weeks=n) for n in range(weeks - 1, -1, -1)]
    since = timezone.make_aware(datetime.datetime.combine(starts[0], datetime.time.min))
    rows = (
        ConsultationRequest.objects.filter(created_at__gte=since)
        .exclude(status=ConsultationRequest.Status.SPAM)
        .annotate(week=TruncWeek("created_at"))
        .values("week", "treatment_title")
        .annotate(count=Count("id"))
    )
    counts = {}
    for row in rows:
        week = row["week"]
        week = week.date() if isinstance(week, datetime.datetime) else week
        label = row["treatment_title"] or str(_("Not sure yet"))
        counts.setdefault(label, {})
        counts[label][week] = counts[label].get(week, 0) + row["count"]
    treatments = sorted(counts, key=lambda label: -sum(counts[label].values()))
    series = [
        {"label": label, "colour": CHART_COLOURS[i % len(CHART_COLOURS)]}
        for i, label in enumerate(treatments)
    ]
    totals = [sum(counts[label].get(start, 0) for label in treatments) for start in starts]
    peak = max(totals, default=0) or 1
    height, bar_width, gap = 120, 24, 8
    bars = []
    for index, start in enumerate(starts):
        y = height
        segments = []
        for item in series:
            value = counts[item["label"]].get(start, 0)
            if not value:
                continue
            segment_height = round(value / peak * height, 1)
            y -= segment_height
            segments.append({**item, "value": value, "y": round(y, 1), "height": segment_height})
        bars.append(
            {
                "start": start,
                "x": index * (bar_width + gap),
                "segments": segments,
                "total": totals[index],
                "cells": [counts[item["label"]].get(start, 0) for item in series],
            }
        )
    return {
        "series": series,
        "bars": bars,
        "height": height,
        "bar_width": bar_width,
        "width": weeks * (bar_width + gap) - gap,
        "total": sum(totals),
    }


class ConsultationRequestsPanel(Component):
    """Dashboard panel: requests waiting, and requests per week by treatment."""

    name = "consultation_requests"
    order = 90
    template_name = "consultations/admin/dashboard_panel.html"

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["new_count"] = ConsultationRequest.objects.filter(
            status=ConsultationRequest.Status.NEW
        ).count()
        context["unsent_count"] = Delivery.filter(
            ConsultationRequest.objects.all(), Delivery.UNSENT
        ).count()
        context["failed_count"] = Delivery.filter(
            ConsultationRequest.objects.all(), Delivery.FAILED
        ).count()
        context["chart"] = weekly_chart()
        return context
