"""
Which pages are private (behind a view restriction), without a query per list.

Wagtail's `PageQuerySet.public()` loads every `PageViewRestriction` each time it is
called, and serving a page loads its ancestors and their restrictions again: a
page that lists three kinds of pages paid for that three or four times. The
restricted sections change rarely, so their tree paths are kept in Django's cache
(Redis in production) and dropped whenever a restriction is added, changed or
removed or a page moves (`clinic_site.apps` connects `forget_restrictions`). With
the cache down each call reads the database, exactly as Wagtail does.

Every content page's manager (`BasePage.objects`) uses `PublicPageQuerySet`, so
`SomePage.objects.live().public()` is cheap; for `Page.objects` use `public()`.
"""

from django.db.models import Q

from wagtail.models import PageManager, PageViewRestriction
from wagtail.query import PageQuerySet

from . import content_cache


def restricted_paths():
    """Tree paths of the pages that carry a view restriction (their sections are private)."""
    return content_cache.get_or_set(
        "restricted-paths",
        lambda: sorted(set(PageViewRestriction.objects.values_list("page__path", flat=True))),
    )


def private_q():
    """Matches pages in a private section, as Wagtail's `PageQuerySet.private_q()` does."""
    q = Q()
    for path in restricted_paths():
        q |= Q(path__startswith=path)
    return q if q else Q(pk__in=[])


def is_public(page):
    """Whether no view restriction covers `page` (by its tree path; no query when cached)."""
    return not any(page.path.startswith(path) for path in restricted_paths())


def public(queryset):
    """`queryset` of pages without those in private sections (for `Page.objects` querysets)."""
    paths = restricted_paths()
    return queryset.exclude(private_q()) if paths else queryset


class PublicPageQuerySet(PageQuerySet):
    """Wagtail's page queryset whose `public()` / `private()` read the cached restrictions."""

    def private_q(self):
        return private_q()

    def public(self):
        return self if not restricted_paths() else super().public()


class ClinicPageManager(PageManager.from_queryset(PublicPageQuerySet)):
    """The manager of every content page (`BasePage.objects`)."""
