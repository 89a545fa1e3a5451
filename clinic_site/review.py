"""
The clinical review: what makes a health page's "Medically reviewed by" line true.

A clinician approves content in the "Clinical review" workflow task
(`clinic_site.models.ClinicalReviewTask`). Approving stamps the revision about to
be published with the clinician's author record, today's date and a hash of the
content they approved (`record_approval`). Each save of a page stores the hash
of what it now holds (`MedicalReviewMixin.content_hash`), so a page shows the
line only while the two hashes match: content changed after the approval (say,
published by an administrator without a review) shows no claim nobody made.

`review_pending()` is the one rule every publishing door asks: the page
permission tester (publish menu, bulk publish, the approval's own publish), the
`before_publish_page` hook (what the edit form is about to publish) and the
action menu. Administrators may still publish; `log_bypass()` records that they
did, in the page's history.
"""

import hashlib
import json

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.models import get_all_child_m2m_relations, get_all_child_relations
from wagtail.fields import StreamField
from wagtail.log_actions import log
from wagtail.models import Page, PagePermissionTester, Workflow, WorkflowPage

BYPASS_ACTION = "clinic_site.review_bypassed"

# What an approval writes: never part of the content it approves.
REVIEW_FIELDS = frozenset({"reviewer", "last_reviewed", "reviewed_content_hash", "content_hash"})
# Of Wagtail's own page fields, only these are content a reader sees.
PAGE_CONTENT_FIELDS = frozenset({"title", "seo_title", "search_description"})
_CHILD_BOOKKEEPING = frozenset({"pk", "id", "sort_order"})


def _page_bookkeeping_fields():
    names = {field.name for field in Page._meta.get_fields()}
    return (names | {"pk", "page_ptr"}) - PAGE_CONTENT_FIELDS


def _normalise_children(relation, items):
    drop = _CHILD_BOOKKEEPING | {relation.field.name}
    rows = [{k: v for k, v in item.items() if k not in drop} for item in items]
    if "sort_order" not in {f.name for f in relation.related_model._meta.fields}:
        rows.sort(key=lambda row: json.dumps(row, sort_keys=True, default=str))
    return rows


def content_hash(obj):
    """
    A hash of what readers see of `obj`: its own fields, inline lists and tags, and
    its title and search texts, without the bookkeeping (tree position, publishing
    dates, locks, the review itself) or the fields its model lists in
    `review_exempt_fields`. The same content gives the same hash whether it comes
    from the database, a revision or the edit form.
    """
    model = type(obj)
    skip = set(REVIEW_FIELDS) | set(getattr(model, "review_exempt_fields", ()))
    if isinstance(obj, Page):
        skip |= _page_bookkeeping_fields()
    data = {key: value for key, value in obj.serializable_data().items() if key not in skip}
    for field in model._meta.concrete_fields:
        if isinstance(field, StreamField) and isinstance(data.get(field.name), str):
            data[field.name] = json.loads(data[field.name] or "[]")
    for relation in get_all_child_relations(obj):
        name = relation.get_accessor_name()
        if name not in data:
            continue
        if relation.related_model._meta.app_label == "wagtailcore":  # editors' comments
            del data[name]
        else:
            data[name] = _normalise_children(relation, data[name])
    for field in get_all_child_m2m_relations(obj):
        if field.name in data:
            data[field.name] = sorted(data[field.name])
    encoded = json.dumps(data, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(encoded.encode()).hexdigest()


def author_for(user):
    """The author record linked to `user` (the reviewer an approval names), or None."""
    from . import get_author_model

    if not getattr(user, "is_authenticated", False):
        return None
    return get_author_model().objects.filter(user=user).first()


def clinical_review_workflows():
    """Active workflows with an active "Clinical review" step, oldest first."""
    from .models import ClinicalReviewTask

    tasks = ClinicalReviewTask.objects.filter(active=True)
    return (
        Workflow.objects.active().filter(workflow_tasks__task__in=tasks).distinct().order_by("pk")
    )


def default_workflow():
    """The workflow a health page uses when its section's has no clinical review step."""
    return clinical_review_workflows().first()


def has_clinical_review(workflow):
    return workflow is not None and clinical_review_workflows().filter(pk=workflow.pk).exists()


def health_page_workflow(assigned):
    """
    The workflow a health page goes through: the one assigned to its section when it
    has a clinical review step, otherwise the clinical review workflow (Wagtail
    assigns its "Moderators approval" to the whole tree, which no clinician approves).
    """
    if not getattr(settings, "WAGTAIL_WORKFLOW_ENABLED", True) or has_clinical_review(assigned):
        return assigned
    return default_workflow() or assigned


def assign_clinical_review(page):
    """Make `page` and the pages under it go through the clinical review (if unassigned)."""
    workflow = default_workflow()
    if workflow is None:
        return None
    WorkflowPage.objects.get_or_create(page=page, defaults={"workflow": workflow})
    return workflow


def uses_clinical_review(obj):
    """Whether `obj`'s workflow has a clinical review step."""
    return has_clinical_review(obj.get_workflow() if hasattr(obj, "get_workflow") else None)


def is_reviewed(obj):
    """Whether `obj`, as it stands in memory, is exactly the content a clinician approved."""
    approved = getattr(obj, "reviewed_content_hash", "")
    return bool(approved) and approved == content_hash(obj)


def review_pending(obj):
    """
    Whether publishing `obj` as it stands needs a clinical approval first: its
    workflow has a clinical review step, and, for a health page, this content was
    never approved. A shared question is always published by its approval.
    """
    if hasattr(obj, "reviewed_content_hash") and is_reviewed(obj):
        return False
    return uses_clinical_review(obj)


def record_approval(obj, author, on=None):
    """
    Stamp the revision the workflow is about to publish (the latest) with the
    reviewer, the date and the hash of the content approved.
    """
    revision = obj.get_latest_revision()
    if revision is None:
        revision = obj.specific.save_revision() if isinstance(obj, Page) else obj.save_revision()
    content = revision.as_object()
    if not hasattr(content, "reviewed_content_hash"):
        return revision
    approved_hash = content_hash(content)
    revision.content.update(
        reviewer=author.pk,
        last_reviewed=(on or timezone.localdate()).isoformat(),
        reviewed_content_hash=approved_hash,
        content_hash=approved_hash,
    )
    revision.save(update_fields=["content"])
    return revision


def log_bypass(obj, user):
    """Record in `obj`'s history that `user` published it without a clinical review."""
    log(
        instance=obj,
        action=BYPASS_ACTION,
        user=user,
        data={"title": str(obj)},
    )


class HealthPagePermissionTester(PagePermissionTester):
    """
    Wagtail's page permissions, except that only an administrator may publish a
    health page whose content no clinician approved; everyone else submits it to
    the clinical review. The page tested is what would be published: the edit
    form's latest revision, or the revision an approval publishes.
    """

    def can_publish(self):
        if not super().can_publish():
            return False
        return self.user.is_superuser or not review_pending(self.page)

    # These follow "publish" in Wagtail, but have nothing to do with the review.
    def can_set_view_restrictions(self):
        return super().can_publish()

    def can_unschedule(self):
        return super().can_publish()


def publish_refused_message():
    return _(
        "Saved as a draft, not published: health content goes live once a clinical "
        "reviewer approves it. Choose \u201cSubmit to Clinical review\u201d."
    )
