"""
The v3 API's page detail read as the site's pages are served: the site and the
page (as its type, with what it shows) from the content cache.

Wagtail's detail view finds the page, then loads it as its specific type (a
second query), and its schema then loads each related object the page shows
(main image, reviewer, category) with a query of its own: twelve queries for a
treatment. The page the site's routing keeps (`clinic_site.routing.fetch_specific()`)
is the same object with those relations loaded, read back from the cache.
"""

import functools

from django.shortcuts import get_object_or_404

from wagtail.api.v3.querysets import get_pages_queryset

from ... import routing


def read_from_content_cache(view_func):
    """
    A router decorator (`Router.add_decorator`): every page view finds the request's
    site in the content cache, and the detail of a live page is the page routing
    keeps. A signed-in client's draft is Wagtail's as before.
    """

    @functools.wraps(view_func)
    def with_site(request, *args, **kwargs):
        routing.remember_site(request)
        return view_func(request, *args, **kwargs)

    if getattr(view_func, "__name__", "") != "get_page":
        return with_site

    @functools.wraps(view_func)
    def get_page(request, page_id, version="live", **kwargs):
        if version == "draft" and request.user.is_authenticated:
            return with_site(request, page_id=page_id, version=version, **kwargs)
        routing.remember_site(request)
        return routing.fetch_specific(get_object_or_404(get_pages_queryset(request), pk=page_id))

    return get_page
