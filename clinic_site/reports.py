"""
The "Content due for medical review" report.

It covers every page type that uses `MedicalReviewMixin`, whichever app
provides it: the concrete page models are found at run time, and each one's
`last_reviewed` and reviewer are brought onto a plain `Page` queryset with a
subquery per model, so filtering, sorting and pagination happen in the database.
"""

import datetime

from django.db.models import CharField, DateField, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import PageReportView
from wagtail.models import Page, get_page_models

from . import conf
from .models import MedicalReviewMixin


def reviewed_page_models():
    """Concrete page models whose pages carry a medical review date."""
    return [
        model
        for model in get_page_models()
        if issubclass(model, MedicalReviewMixin) and not model._meta.abstract
    ]


def _per_model(models, field, output_field):
    subqueries = [
        Subquery(model.objects.filter(pk=OuterRef("pk")).values(field)[:1]) for model in models
    ]
    if len(subqueries) == 1:
        return subqueries[0]
    return Coalesce(*subqueries, output_field=output_field)


def pages_due_for_review(queryset=None, today=None):
    """
    Pages of reviewed types never reviewed, or last reviewed at least the review
    interval ago, annotated with `last_reviewed` and `reviewer_name`.
    """
    models = reviewed_page_models()
    queryset = Page.objects.all() if queryset is None else queryset
    if not models:
        return queryset.none()
    today = today or timezone.localdate()
    cutoff = today - datetime.timedelta(days=conf.get("CLINIC_REVIEW_INTERVAL_DAYS"))
    return (
        queryset.type(*models)
        .annotate(
            last_reviewed=_per_model(models, "last_reviewed", DateField()),
            reviewer_name=_per_model(models, "reviewer__name", CharField()),
        )
        .filter(Q(last_reviewed__isnull=True) | Q(last_reviewed__lte=cutoff))
    )


class ContentDueForReviewView(PageReportView):
    page_title = _("Content due for medical review")
    header_icon = "time"
    results_template_name = "wagtailadmin/reports/base_report_results.html"
    index_url_name = "clinic_review_due"
    index_results_url_name = "clinic_review_due_results"
    any_permission_required = ["add", "change", "publish"]
    default_ordering = "last_reviewed"
    list_export = ["title", "last_reviewed", "reviewer_name", "content_type"]
    export_headings = {
        "title": _("Title"),
        "last_reviewed": _("Last reviewed"),
        "reviewer_name": _("Reviewed by"),
        "content_type": _("Type"),
    }

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "title",
                label=_("Title"),
                get_url=lambda page: reverse("wagtailadmin_pages:edit", args=[page.pk]),
            ),
            DateColumn("last_reviewed", label=_("Last reviewed"), sort_key="last_reviewed"),
            Column("reviewer_name", label=_("Reviewed by")),
            Column(
                "content_type",
                label=_("Type"),
                accessor=lambda page: page.content_type.name.capitalize(),
            ),
        ]

    def get_base_queryset(self):
        editable = self.permission_policy.instances_user_has_permission_for(
            self.request.user, "change"
        )
        return pages_due_for_review(editable).select_related("content_type")

    def order_queryset(self, queryset):
        # Never-reviewed pages are the most overdue: keep them first in both databases.
        field = F("last_reviewed")
        if self.ordering == "-last_reviewed":
            return queryset.order_by(field.desc(nulls_last=True), "title")
        return queryset.order_by(field.asc(nulls_first=True), "title")
