"""
Wagtail's v2 pages endpoint, listing pages with what their fields show.

Wagtail's v2 listing loads each item's locale, main image and other related rows
one item at a time, so `?type=blog.BlogPostPage&fields=*` cost a query or more
per field per item. Here a listing of one page type asks the model what it shows
(`BasePage.select_shown()`), and values a page works out (authors, topics, JSON-LD)
come from the content cache, so a listing costs the same whatever its `limit`.
A page's detail is loaded the same way, and the pages an anonymous client may see
are worked out once per request (Wagtail reads the view restrictions again for
the serializer). The request's site comes from the content cache, as when pages
are served (`clinic_site.routing`).
"""

from wagtail.api.v2.views import BaseAPIViewSet
from wagtail.api.v2.views import PagesAPIViewSet as WagtailPagesAPIViewSet

from ... import routing


class PagesAPIViewSet(WagtailPagesAPIViewSet):
    def get_base_queryset(self):
        # A view instance serves one request: the restrictions cannot change under it.
        if not hasattr(self, "_base_queryset"):
            routing.remember_site(self.request)
            self._base_queryset = super().get_base_queryset()
        return self._base_queryset.all()

    def get_queryset(self):
        queryset = super().get_queryset().select_related("locale")
        select_shown = getattr(queryset.model, "select_shown", None)
        return select_shown(queryset) if select_shown else queryset

    def get_object(self):
        """The page as its own type, with what it shows (`select_shown()`) in the same query."""
        if not hasattr(self, "_shown_object"):
            page = BaseAPIViewSet.get_object(self)  # as found: a `Page` unless `?type=` was given
            model = page.specific_class
            select_shown = getattr(model, "select_shown", None)
            if isinstance(page, model or type(page)) or select_shown is None:
                self._shown_object = page.specific
            else:
                self._shown_object = select_shown(model.objects.filter(pk=page.pk)).get()
        return self._shown_object
