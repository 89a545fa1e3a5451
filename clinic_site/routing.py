"""
Finding the page for an address in two queries instead of two per level.

Wagtail's `Page.route()` walks the address one slug at a time: a query for the
child with that slug, then another for its specific type, at every level, so an
article three levels down cost six queries before its template ran. Every page
on the way has a `url_path` made of the slugs above it, so one query fetches all
of them, and one more the page that answers, as its specific type with what its
template shows (`get_route_queryset()`).

Both queries' answers, and the request's site with its root page, are kept in
the content cache (`clinic_site.content_cache`) until the content changes: the
database answers them in microseconds, but building them cost more than the
rest of the routing, and more than reading them back. The pages on an address
and the page that answers are kept for `PAGE_TIMEOUT` only: one page object
per page of the site, an address visited less often than that pays its two
queries again.

The result is the same as Wagtail's: a page whose `route()` Wagtail or this
module does not know (a custom override) is handed the rest of the address
exactly as Wagtail would hand it over, and a `RoutablePageMixin` page whose own
routes match the rest of the address keeps it.
"""

import hashlib

from django.http import Http404
from django.http.request import split_domain_port
from django.urls import Resolver404
from django.utils.translation import get_language

from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, Site

from . import content_cache

PAGE_TIMEOUT = 10 * 60


def site_for_request(request):
    """
    The request's site as Wagtail's `Site.find_for_request()` finds it, with its
    root page loaded in the language of the request, from the content cache:
    Wagtail looks both up on every request.
    """
    hostname = split_domain_port(request._get_raw_host())[0]
    port = request.get_port()

    def load():
        site = Site._find_for_request(request)
        if site is not None:
            site.root_page.localized.specific  # noqa: B018 - kept with the site
        return site

    return content_cache.get_or_set(f"routing:site:{hostname}:{port}:{get_language()}", load)


def remember_site(request):
    """Give `request` its site from the content cache, where Wagtail looks for it first."""
    if not hasattr(request, "_wagtail_site"):
        request._wagtail_site = site_for_request(request)


def _pages_on_the_way(page, path_components):
    """
    The pages whose `url_path` is on the way from `page` down `path_components`,
    by `url_path`; kept in the content cache when every component is a page (an
    address some page has, not one of a routable page's own or a mistyped one).
    """
    prefixes = [
        page.url_path + "/".join(path_components[: n + 1]) + "/"
        for n in range(len(path_components))
    ]

    def load():
        return {
            candidate.url_path: candidate
            # By slug first: Wagtail indexes it, not url_path.
            for candidate in Page.objects.filter(
                slug__in=set(path_components),
                depth__gt=page.depth,
                depth__lte=page.depth + len(path_components),
                url_path__in=prefixes,
            )
        }

    digest = hashlib.md5(prefixes[-1].encode(), usedforsecurity=False).hexdigest()
    return content_cache.get_or_set(
        f"routing:pages:{page.pk}:{digest}",
        load,
        keep=lambda found: len(found) == len(path_components),
        timeout=PAGE_TIMEOUT,
    )


def _hands_over_to_child(page, remaining, transparent):
    """
    Whether `page.route(request, remaining)` (its class's `route()` chain) would
    look `remaining[0]` up among its children, told from its class and base fields.
    None when a `route()` this module does not know decides.
    """
    cls = page.specific_class
    if cls is None:
        return None
    for klass in cls.__mro__:
        impl = klass.__dict__.get("route")
        if impl is None:
            continue
        if impl is RoutablePageMixin.route:
            if page.live:
                try:
                    cls.get_resolver().resolve("/" + "/".join(remaining) + "/")
                except Resolver404:
                    continue
                return False  # one of the page's own routes answers
            continue
        return impl in transparent
    return None


def route(page, request, path_components, transparent):
    """
    Route `path_components` (at least one) below the specific `page`, whose own
    `route()` already handed them to its children, as Wagtail's `Page.route()`
    would, in two queries. `transparent` are the `route()` implementations that
    only hand the address over to a child (Wagtail's and the caller's).
    """
    found = _pages_on_the_way(page, path_components)
    current, ancestors, remaining = page, [], list(path_components)
    while remaining:
        if current is not page and not _hands_over_to_child(current, remaining, transparent):
            break
        child = found.get(current.url_path + remaining[0] + "/")
        if (
            child is None
            or child.depth != current.depth + 1
            or child.path[: -Page.steplen] != (current.path)
        ):
            raise Http404
        child._cached_parent_obj = current
        ancestors.append(current)
        current, remaining = child, remaining[1:]
    specific = fetch_specific(current)
    specific._cached_parent_obj = current._cached_parent_obj
    if page.depth == 2:  # routed from a site's root: these are all the breadcrumbs
        specific._route_ancestors = ancestors
    return specific.route(request, remaining)


def fetch_specific(page):
    """
    `page` as its specific type, with what its template shows (`get_route_queryset()`),
    kept in the content cache: each request reads its own copy.
    """
    cls = page.specific_class
    if cls is None or not hasattr(cls, "get_route_queryset"):
        return page.specific

    def load():
        return cls.get_route_queryset().filter(pk=page.pk).first()

    specific = content_cache.get_or_set(
        f"routing:page:{page.pk}", load, keep=lambda found: found is not None, timeout=PAGE_TIMEOUT
    )
    if specific is None:  # deleted since the first query
        raise Http404
    return specific
