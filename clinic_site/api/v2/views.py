"""
Wagtail's v2 pages endpoint, listing pages with what their fields show.

Wagtail's v2 listing loads each item's locale, main image and other related rows
one item at a time, so `?type=blog.BlogPostPage&fields=*` cost a query or more
per field per item. Here a listing of one page type asks the model what it shows
(`BasePage.select_shown()`), and values a page works out (authors, topics, JSON-LD)
come from the content cache, so a listing costs the same whatever its `limit`.
"""

from wagtail.api.v2.views import PagesAPIViewSet as WagtailPagesAPIViewSet


class PagesAPIViewSet(WagtailPagesAPIViewSet):
    def get_queryset(self):
        queryset = super().get_queryset().select_related("locale")
        select_shown = getattr(queryset.model, "select_shown", None)
        return select_shown(queryset) if select_shown else queryset
