"""The filters of the consultation requests listing."""

from django import forms
from django.utils.translation import gettext_lazy as _

import django_filters
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.models import Page

from . import get_request_model
from .choices import ConsultationType, Status
from .notifications import Delivery
from .triage import DUE, DUE_TODAY, OVERDUE, follow_up_due


def requested_treatments(request):
    return Page.objects.filter(
        pk__in=get_request_model().objects.filter(treatment__isnull=False).values("treatment_id")
    ).order_by("title")


class ConsultationRequestFilterSet(WagtailFilterSet):
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"),
        choices=Status.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    treatment = django_filters.ModelChoiceFilter(
        label=_("Treatment"),
        queryset=requested_treatments,
        null_label=_("Not sure yet"),
    )
    consultation_type = django_filters.ChoiceFilter(
        label=_("Consultation type"), choices=ConsultationType.choices
    )
    created_at = django_filters.DateFromToRangeFilter(
        label=_("Received"), widget=DateRangePickerWidget
    )
    assigned = django_filters.ChoiceFilter(
        label=_("Assigned to"),
        choices=[("me", _("Me")), ("nobody", _("Nobody"))],
        method="filter_assigned",
        empty_label=_("Anyone"),
    )
    follow_up = django_filters.ChoiceFilter(
        label=_("Follow-up"),
        choices=[
            (DUE_TODAY, _("Due today")),
            (OVERDUE, _("Overdue")),
            (DUE, _("Due today or overdue")),
        ],
        method="filter_follow_up",
        empty_label=_("Any"),
    )
    notification_status = django_filters.ChoiceFilter(
        label=_("Notification"), choices=Delivery.CHOICES, method="filter_notification_status"
    )

    class Meta:
        model = get_request_model()
        fields = ["status", "treatment", "consultation_type", "created_at"]

    def filter_assigned(self, queryset, name, value):
        if value == "me":
            return queryset.filter(assignee=self.request.user)
        if value == "nobody":
            return queryset.filter(assignee__isnull=True)
        return queryset

    def filter_follow_up(self, queryset, name, value):
        """Dates in the clinic's time zone; finished requests need no follow-up."""
        return follow_up_due(queryset, value)

    def filter_notification_status(self, queryset, name, value):
        return Delivery.filter(queryset, value)
