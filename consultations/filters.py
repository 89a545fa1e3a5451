"""The filters of the consultation requests listing."""

from django import forms
from django.utils.translation import gettext_lazy as _

import django_filters
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.models import Page

from . import get_request_model
from .choices import ConsultationType, Status
from .notifications import Delivery


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
    notification_status = django_filters.ChoiceFilter(
        label=_("Notification"), choices=Delivery.CHOICES, method="filter_notification_status"
    )

    class Meta:
        model = get_request_model()
        fields = ["status", "treatment", "consultation_type", "created_at"]

    def filter_notification_status(self, queryset, name, value):
        return Delivery.filter(queryset, value)
