"""
What health content is due for its next medical review, and when.

A page or snippet whose model uses `MedicalReviewMixin` is due again the review
interval (`ClinicSettings.review_interval_months`) after its last clinical
approval, and at once if no clinician ever approved it. The models are found at
run time among the installed apps, so the core lists the treatments app's shared
questions without importing that app.

`due_items()` returns one database query over every such model (a UNION of one
SELECT per model) that filters, orders and paginates in the database; the report
(`reports.py`) and the reviewers' dashboard panel (`dashboard.py`) both read it
and turn each row into a `ReviewItem` without further queries.
"""

import calendar
import datetime
from dataclasses import dataclass

from django.apps import apps
from django.contrib.admin.utils import quote
from django.contrib.contenttypes.models import ContentType
from django.db.models import DateField, F, IntegerField, Q, Value
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permission_policies.pages import PagePermissionPolicy

from .models import ClinicSettings, MedicalReviewMixin

COLUMNS = ("item_id", "item_title", "item_type", "reviewed_on", "reviewer_ref", "reviewer_label")


def add_months(day, months):
    """`day` moved by `months` calendar months; 31 January + 1 month is 28 (or 29) February."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return day.replace(year=year, month=month, day=min(day.day, _days_in(year, month)))


def _days_in(year, month):
    return calendar.monthrange(year, month)[1]


def reviewed_before(day, months):
    """
    The latest review date that is due again by `day`: a review on or before it
    has `add_months(review, months) <= day`, one after it does not.
    """
    earlier = add_months(day, -months)
    if day.day == _days_in(day.year, day.month):
        # Every day of that month's end is due by the end of this month.
        earlier = earlier.replace(day=_days_in(earlier.year, earlier.month))
    return earlier


def review_interval_months(site=None):
    """The clinic's review interval, from the settings of `site` (default: the default site)."""
    from wagtail.models import Site

    site = site or Site.objects.filter(is_default_site=True).first()
    if site is None:
        return ClinicSettings._meta.get_field("review_interval_months").default
    return ClinicSettings.for_site(site).review_interval_months


def reviewed_models():
    """Concrete models whose objects carry a medical review: page types first, then snippets."""
    models = [
        model
        for model in apps.get_models()
        if issubclass(model, MedicalReviewMixin) and not model._meta.proxy
    ]
    return sorted(models, key=lambda m: (not issubclass(m, Page), str(m._meta.verbose_name)))


def model_choices():
    """(content type id, "Blog post") for each reviewed model, for the report's type filter."""
    return [
        (str(ContentType.objects.get_for_model(model).pk), _label(model))
        for model in reviewed_models()
    ]


def _label(model):
    return str(model._meta.verbose_name)[:1].upper() + str(model._meta.verbose_name)[1:]


def _visible_part(model, user):
    """What of `model` `user` may edit (None: nothing), as a queryset of that model."""
    queryset = model._default_manager.all()
    if issubclass(model, Page):
        # A page type's own pages only; a subclass that also carries a review has its own part.
        queryset = queryset.filter(content_type=ContentType.objects.get_for_model(model))
        if not user.is_superuser:
            editable = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
            queryset = queryset.filter(pk__in=editable.values("pk"))
        return queryset
    viewset = getattr(model, "snippet_viewset", None)
    policy = viewset.permission_policy if viewset else ModelPermissionPolicy(model)
    return queryset if policy.user_has_permission(user, "change") else None


def due_items(
    user, *, today=None, months=None, within_days=0, content_type=None, reviewer=None, queue_of=None
):
    """
    Rows (dicts of `COLUMNS`) of the health content `user` may edit that is due for
    review by `within_days` days from `today` (None: all of it, whenever due),
    unordered. `content_type` keeps one model's, `reviewer` one author's reviews,
    and `queue_of` an author's queue: what they reviewed, plus what nobody has.
    """
    today = today or timezone.localdate()
    months = months or review_interval_months()
    parts = []
    for model in reviewed_models():
        model_type = ContentType.objects.get_for_model(model)
        if content_type is not None and int(content_type) != model_type.pk:
            continue
        queryset = _visible_part(model, user)
        if queryset is None:
            continue
        if within_days is not None:
            cutoff = reviewed_before(today + datetime.timedelta(days=within_days), months)
            queryset = queryset.filter(Q(last_reviewed__isnull=True) | Q(last_reviewed__lte=cutoff))
        if reviewer is not None:
            queryset = queryset.filter(reviewer=reviewer)
        if queue_of is not None:
            queryset = queryset.filter(Q(reviewer=queue_of) | Q(last_reviewed__isnull=True))
        parts.append(
            queryset.annotate(
                item_id=F("pk"),
                item_title=F(model.review_title_field),
                item_type=Value(model_type.pk, output_field=IntegerField()),
                reviewed_on=F("last_reviewed"),
                reviewer_ref=F("reviewer_id"),
                reviewer_label=F("reviewer__name"),
            )
            .values(*COLUMNS)
            .order_by()
        )
    if not parts:
        return (
            Page.objects.none()
            .annotate(reviewed_on=Value(None, output_field=DateField()))
            .values("reviewed_on")
        )
    return parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]


def order_due_first(queryset, descending=False):
    """Never reviewed first, then the longest overdue; `descending`: most recent review first."""
    if descending:
        return queryset.order_by(F("reviewed_on").desc(nulls_last=True), "item_title")
    return queryset.order_by(F("reviewed_on").asc(nulls_first=True), "item_title")


@dataclass
class ReviewItem:
    """One row of the report, ready to show: no attribute reads the database."""

    pk: object
    title: str
    model: type
    last_reviewed: datetime.date | None
    reviewer_name: str
    due_date: datetime.date | None
    today: datetime.date

    @classmethod
    def from_row(cls, row, months, today):
        reviewed = row["reviewed_on"]
        if isinstance(reviewed, str):  # a UNION on SQLite hands dates back as text
            reviewed = datetime.date.fromisoformat(reviewed)
        return cls(
            pk=row["item_id"],
            title=row["item_title"],
            model=ContentType.objects.get_for_id(row["item_type"]).model_class(),
            last_reviewed=reviewed,
            reviewer_name=row["reviewer_label"] or "",
            due_date=add_months(reviewed, months) if reviewed else None,
            today=today,
        )

    @property
    def type_label(self):
        return _label(self.model) if self.model else ""

    @property
    def last_reviewed_display(self):
        return self.last_reviewed or _("Never reviewed")

    @property
    def due_display(self):
        return self.due_date or _("Now")

    @property
    def status(self):
        if self.last_reviewed is None:
            return _("Never reviewed")
        if self.due_date < self.today:
            return _("Overdue")
        if self.due_date == self.today:
            return _("Due today")
        return _("Due soon")

    @property
    def is_overdue(self):
        return self.due_date is None or self.due_date < self.today

    @property
    def edit_url(self):
        if self.model is None:
            return ""
        if issubclass(self.model, Page):
            return reverse("wagtailadmin_pages:edit", args=[self.pk])
        viewset = getattr(self.model, "snippet_viewset", None)
        try:
            return reverse(viewset.get_url_name("edit"), args=[quote(self.pk)]) if viewset else ""
        except NoReverseMatch:
            return ""
