"""
Pages that point at a page, found without importing the apps that define them.

A page type says how it points at the pages it is about with an `about_lookup`
(the blog's articles: `"related_treatments__page"`, their related treatments),
as it names its authors with an `author_lookup`. A treatment page lists the
articles about it through `pages_about()`, and the treatments app never imports
the blog: the core finds the page types at run time among the installed models.
"""

from django.apps import apps

from wagtail.models import Page

from . import visibility

# How many pages about a page are listed (the newest first).
LISTED_ABOUT = 6


def page_models():
    """Every installed concrete page model."""
    return [
        model for model in apps.get_models() if issubclass(model, Page) and not model._meta.abstract
    ]


def pages_about(page, limit=LISTED_ABOUT):
    """
    The live, public pages of every type with an `about_lookup` that point at
    `page`, as their specific types with their main images, newest first (by the
    type's `about_ordering`, e.g. an article's own date; else first publication):
    one query per such page type.
    """
    if page is None or page.pk is None:
        return []
    found = []
    for model in page_models():
        lookup = model.__dict__.get("about_lookup")
        if not lookup:
            continue
        ordering = getattr(model, "about_ordering", ("-first_published_at", "-pk"))
        matching = model.objects.live().filter(**{lookup: page}).values("pk")
        queryset = visibility.public(model.objects.filter(pk__in=matching))
        if any(field.name == "hero_image" for field in model._meta.get_fields()):
            queryset = queryset.select_related("hero_image")
        found.extend(queryset.order_by(*ordering)[:limit])
    return found[:limit]
