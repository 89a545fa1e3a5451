"""
Purging a CDN in front of the site when what it keeps changes, through
`wagtail.contrib.frontend_cache` (configured by `WAGTAILFRONTENDCACHE`; nothing
happens when it is not set).

The site's own page cache needs no purging by address: its keys carry the
content generation (`clinic_site.content_cache`), which every change replaces.
A CDN keeps copies by address for `s-maxage` seconds, so it is told which
addresses changed:

- a page published, unpublished, moved or deleted: the page (Wagtail's own
  receivers purge its address on publish and unpublish; this adds moves and
  deletions, its old address included), and everything that lists it: its
  ancestors (the parent index, the home page) with their cached paths (routes
  such as the blog's feeds, from `get_cached_paths()`), and the sitemap;
- a snippet saved or deleted (an author, a shared question, a category): every
  live page that uses it, found in Wagtail's reference index, and their listings.

What shows on every page (the clinic's details, the menu) reaches the CDN's
copies within `s-maxage` (`CLINIC_PAGE_CACHE_S_MAXAGE`, 5 minutes by default).
Purges run after the transaction commits, as tasks (`django-tasks`).
"""

from django.conf import settings
from django.db import transaction

from wagtail.models import Page, ReferenceIndex, Site

SITEMAP_PATHS = ("sitemap.xml", "sitemap-pages.xml")


def configured():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def listing_urls(pages):
    """The addresses of `pages`, of every page that lists them and of the sitemap."""
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    batch = PurgeBatch()
    site_roots = set()
    for page in pages:
        batch.add_page(page)
        ancestors = page.get_ancestors().filter(depth__gt=1).specific(defer=True)
        batch.add_pages(ancestors)
        parts = page.get_url_parts()
        if parts:
            site_roots.add(parts[1])
    for root in site_roots:
        batch.add_urls(f"{root.rstrip('/')}/{path}" for path in SITEMAP_PATHS)
    return batch


def purge_later(batch):
    if batch.urls:
        transaction.on_commit(batch.purge)


def page_changed(sender, instance, **kwargs):
    """Receiver for `page_published` and `page_unpublished`: the page's listings."""
    if configured():
        purge_later(listing_urls([instance]))


def page_moved(sender, instance, url_path_before="", **kwargs):
    """Receiver for `post_page_move`: the old address, the new one and both parents' listings."""
    if not configured():
        return
    batch = listing_urls([instance])
    parent_before = kwargs.get("parent_page_before")
    if parent_before is not None:
        batch.add_urls(listing_urls([parent_before]).urls)
    for site in Site.objects.select_related("root_page"):
        root_path = site.root_page.url_path
        if url_path_before.startswith(root_path):
            batch.add_url(site.root_url.rstrip("/") + "/" + url_path_before[len(root_path) :])
    purge_later(batch)


def page_deleted(sender, instance, **kwargs):
    """Receiver for `pre_delete` of pages: their address is still known here."""
    if configured() and isinstance(instance, Page) and instance.live:
        purge_later(listing_urls([instance]))


def snippet_changed(sender, instance, **kwargs):
    """Receiver for `post_save` and `pre_delete`: the live pages that show a snippet."""
    if not configured():
        return
    from wagtail.snippets.models import get_snippet_models

    if sender not in get_snippet_models():
        return
    page_type = ReferenceIndex._get_base_content_type(Page)
    ids = (
        ReferenceIndex.get_references_to(instance)
        .filter(base_content_type_id=page_type)
        .values_list("object_id", flat=True)
    )
    pages = Page.objects.live().filter(pk__in=[int(pk) for pk in ids]).specific(defer=True)
    purge_later(listing_urls(pages))
