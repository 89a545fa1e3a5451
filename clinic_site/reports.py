"""
The "Content due for medical review" report.

Every page and snippet whose model uses `MedicalReviewMixin` (found at run time,
whichever app provides it; see `review_due`), never reviewed or due again, with
its last review, reviewer and due date as dates, never reviewed and most overdue
first. Filters by type, reviewer and how far ahead to look; exports as CSV or
XLSX. Editors and clinical reviewers see what they may edit.
"""

from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

import django_filters
from wagtail.admin.auth import permission_denied
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page, Site
from wagtail.permission_policies.pages import PagePermissionPolicy

from . import get_author_model
from .review_due import (
    ReviewItem,
    due_items,
    model_choices,
    order_due_first,
    review_interval_months,
)

# How far ahead the report looks; "" (the default) lists what is due today.
WINDOW_CHOICES = [
    ("30", _("Due now or within 30 days")),
    ("90", _("Due now or within 3 months")),
    ("all", _("All health content")),
]


def can_open_report(user):
    """Those who edit or review health content: any page permission to add, edit or publish."""
    return PagePermissionPolicy().user_has_any_permission(user, ["add", "change", "publish"])


class ReviewDueFilterSet(WagtailFilterSet):
    content_type = django_filters.ChoiceFilter(
        label=_("Type"), choices=model_choices, empty_label=_("All types")
    )
    reviewer = django_filters.ModelChoiceFilter(
        label=_("Last reviewed by"),
        queryset=lambda request: get_author_model().objects.order_by("name"),
        empty_label=_("Anyone"),
    )
    window = django_filters.ChoiceFilter(
        label=_("Due"), choices=WINDOW_CHOICES, empty_label=_("Now: overdue or never reviewed")
    )

    class Meta:
        # Never filtered by django-filter itself: the view applies the values to
        # each model's part of the query (see `due_items`).
        model = Page
        fields = []


class DateOrTextColumn(Column):
    """A date as a date ("4 March 2025"), never "3 months ago"; or the text given instead."""

    cell_template_name = "clinic_site/admin/date_or_text_cell.html"


class ContentDueForReviewView(ReportView):
    page_title = _("Content due for medical review")
    header_icon = "time"
    index_url_name = "clinic_review_due"
    index_results_url_name = "clinic_review_due_results"
    filterset_class = ReviewDueFilterSet
    default_ordering = "due"
    export_filename = "content-due-for-medical-review"
    list_export = [
        "title",
        "type_label",
        "status",
        "last_reviewed",
        "reviewer_name",
        "due_date",
    ]
    export_headings = {
        "title": _("Title"),
        "type_label": _("Type"),
        "status": _("Status"),
        "last_reviewed": _("Last reviewed"),
        "reviewer_name": _("Last reviewed by"),
        "due_date": _("Review due"),
    }

    def dispatch(self, request, *args, **kwargs):
        if not can_open_report(request.user):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "title",
                label=_("Title"),
                get_url=lambda item: item.edit_url,
                sort_key="title",
            ),
            Column("type_label", label=_("Type")),
            Column("status", label=_("Status")),
            DateOrTextColumn(
                "last_reviewed_display", label=_("Last reviewed"), sort_key="last_reviewed"
            ),
            Column("reviewer_name", label=_("Last reviewed by")),
            DateOrTextColumn("due_display", label=_("Review due"), sort_key="due"),
        ]

    @cached_property
    def months(self):
        return review_interval_months(Site.find_for_request(self.request))

    def get_page_subtitle(self):
        return _("Review interval: %(months)s months (Settings \u2192 Clinic details)") % {
            "months": self.months
        }

    def get_queryset(self):
        # The filters act on each model's part of the UNION before it is ordered,
        # so Wagtail's filter-then-order default does not apply here.
        values = {}
        if self.filters and self.filters.is_valid():
            values = self.filters.form.cleaned_data
        window = values.get("window") or "0"
        queryset = due_items(
            self.request.user,
            today=self.today,
            months=self.months,
            within_days=None if window == "all" else int(window),
            content_type=values.get("content_type") or None,
            reviewer=values.get("reviewer"),
        )
        return self.order_queryset(queryset)

    def filter_queryset(self, queryset):
        return queryset  # done per model in `get_queryset`

    def order_queryset(self, queryset):
        if self.ordering in ("title", "-title"):
            return queryset.order_by(
                "-item_title" if self.ordering == "-title" else "item_title", "item_id"
            )
        return order_due_first(queryset, descending=self.ordering.startswith("-"))

    @cached_property
    def today(self):
        return timezone.localdate()

    def decorate_paginated_queryset(self, object_list):
        """Rows as `ReviewItem`s, for the table and the export alike (no queries)."""
        return [ReviewItem.from_row(row, self.months, self.today) for row in object_list]

    def get_table(self, object_list):
        return super().get_table(self.decorate_paginated_queryset(object_list))
