"""
The sitemap: an index (`/sitemap.xml`) of sections (`/sitemap-pages.xml?p=2`) of
at most CLINIC_SITEMAP_PAGE_SIZE addresses each, so no response grows with the
site; locations point at the headless front end's URLs when one is configured.
"""

from urllib.parse import urlsplit

from django.db.models import Max

from wagtail.contrib.sitemaps import Sitemap

from . import conf, content_cache, visibility


class ClinicSitemap(Sitemap):
    """Wagtail's sitemap; with CLINIC_HEADLESS_FRONTEND_URL set, locations use that base."""

    @property
    def limit(self):
        return conf.get("CLINIC_SITEMAP_PAGE_SIZE")

    def items(self):
        """
        The site's live, public pages in tree order. Wagtail's default loads every
        page's own fields, one query per page type; a sitemap needs only addresses
        and dates, so pages come as their types without their own fields.
        """
        return self._pages().order_by("path").specific(defer=True)

    @property
    def paginator(self):
        """Django's, with the number of pages counted once per content change."""
        paginator = super().paginator
        paginator.count = self._summary()["count"]
        return paginator

    def get_latest_lastmod(self):
        """For the index: the newest publication, worked out once per content change."""
        return self._summary()["latest"]

    def _summary(self):
        """
        How many pages the site lists and when it last published one: what the
        index shows. Both read every page, so they are kept in the content cache
        (published content is all they depend on) instead of on every request.
        """
        root = self.get_wagtail_site().root_page_id

        def summarise():
            pages = self._pages()
            return {
                "count": pages.count(),
                "latest": pages.aggregate(latest=Max("last_published_at"))["latest"],
            }

        return content_cache.get_or_set(f"clinic_site:sitemap:{root}", summarise)

    def _pages(self):
        pages = self.get_wagtail_site().root_page.get_descendants(inclusive=True).live()
        return visibility.public(pages)

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        base = conf.get("CLINIC_HEADLESS_FRONTEND_URL").rstrip("/")
        if base:
            for url_info in urls:
                parts = urlsplit(url_info["location"])
                path = parts.path + (f"?{parts.query}" if parts.query else "")
                url_info["location"] = base + path
        return urls
