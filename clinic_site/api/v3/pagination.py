"""
The v3 API's list of pages with its total counted once per content change.

Wagtail's v3 list answers `{"count": N, "items": [...]}` and counts every matching
page on every request, so a page of 20 articles cost a count over all 10,000. What
an anonymous client may list is published, public content only, so its total
changes only with the content generation (`clinic_site.content_cache`): it is kept
there, under a key made from the count's own SQL, so every filter and type has its
own. A signed-in client (who may list drafts) and a search are counted as before.
"""

import hashlib

from django.db.models import QuerySet

from ninja.pagination import paginate
from wagtail.api.v3.pagination import WagtailLimitOffsetPagination

from ... import content_cache

# `list_pages` reads its limit and offset under this name (Wagtail's own).
PASS_PARAMETER = "pagination_info"  # noqa: S105 - not a password


class ContentCountPagination(WagtailLimitOffsetPagination):
    """Wagtail's limit/offset pagination; an anonymous list's count comes from the cache."""

    def paginate_queryset(self, queryset, pagination, request, **params):
        if isinstance(queryset, QuerySet) and not request.user.is_authenticated:
            queryset = queryset.all()  # a copy of its own to mark
            queryset.count_published_once = True
        return super().paginate_queryset(queryset, pagination, request, **params)

    def _items_count(self, queryset):
        if not getattr(queryset, "count_published_once", False):
            return super()._items_count(queryset)
        sql, params = queryset.order_by().query.sql_with_params()
        key = hashlib.sha256(repr((sql, params)).encode()).hexdigest()
        return content_cache.get_or_set(f"api-v3:count:{key}", queryset.order_by().count)


def count_published_once(view_func):
    """
    A router decorator (`Router.add_decorator`) giving Wagtail's list of pages
    `ContentCountPagination` in place of its own pagination; other views unchanged.
    """
    if getattr(view_func, "__name__", "") != "list_pages" or not hasattr(view_func, "__wrapped__"):
        return view_func
    # Wagtail's view as written, before its own `@paginate` wrapped it.
    return paginate(ContentCountPagination, pass_parameter=PASS_PARAMETER)(view_func.__wrapped__)
