"""
The pages a person wrote or approved, for their clinician profile.

Page types say how they name their authors (an `author_lookup`) and health pages carry the
clinical review (`MedicalReviewMixin`), so these lists cover every app's pages without the core
importing any of them.
"""

from django.db.models import F, Q

from wagtail.models import Page

from .. import visibility
from ..related import page_models
from .people import MedicalReviewMixin

# How many articles and reviewed pages a profile lists (the newest first).
LISTED_PAGES = 12


def authored_pages(author):
    """
    The live, public pages that name `author` in their byline, newest first: page
    types say how they list their authors with an `author_lookup` (the blog's
    articles: `"post_authors__author"`), so the core never imports them. One query.
    """
    if author is None:
        return []
    q = Q()
    for model in page_models():
        lookup = model.__dict__.get("author_lookup")
        if lookup:
            q |= Q(pk__in=model.objects.filter(**{lookup: author}).values("pk"))
    return _listed(q)


def reviewed_pages(author):
    """
    The live, public pages whose current content `author` approved in the clinical
    review (those that show them as the medical reviewer), newest first.
    One query, whatever the number of health page types.
    """
    if author is None:
        return []
    q = Q()
    for model in page_models():
        if issubclass(model, MedicalReviewMixin) and not model._meta.abstract:
            current = model.objects.filter(
                reviewer=author,
                last_reviewed__isnull=False,
                reviewed_content_hash=F("content_hash"),
            ).exclude(reviewed_content_hash="")
            q |= Q(pk__in=current.values("pk"))
    return _listed(q)


def _listed(q):
    if not q:
        return []
    pages = visibility.public(Page.objects.live().filter(q)).order_by("-first_published_at")
    return list(pages[:LISTED_PAGES])
