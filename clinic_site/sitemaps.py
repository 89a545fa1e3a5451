"""The sitemap, pointing at the headless front end's URLs when one is configured."""

from urllib.parse import urlsplit

from wagtail.contrib.sitemaps import Sitemap

from . import conf


class ClinicSitemap(Sitemap):
    """Wagtail's sitemap; with CLINIC_HEADLESS_FRONTEND_URL set, locations use that base."""

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        base = conf.get("CLINIC_HEADLESS_FRONTEND_URL").rstrip("/")
        if base:
            for url_info in urls:
                parts = urlsplit(url_info["location"])
                path = parts.path + (f"?{parts.query}" if parts.query else "")
                url_info["location"] = base + path
        return urls
