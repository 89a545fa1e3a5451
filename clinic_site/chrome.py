"""
What every public page shows around its content: the clinic's details (header,
footer, structured data), the header's consultation link and the main menu.

These are the same for every page of a site and change only when an editor
saves the clinic's details or changes a page, so they are kept in the content
cache (`clinic_site.content_cache`) per site. With the cache down they are read
from the database on each request, as before.
"""

from wagtail.models import Site

from . import content_cache, visibility


def site_settings(model, site):
    """
    `model.for_site(site)` from the cache, with the pages and image it links
    loaded, so the header's "Book a consultation" link and the footer's legal
    links cost no query.
    """

    def load():
        instance = model.for_site(site)
        for name in ("consultation_page", "privacy_notice_page", "logo"):
            getattr(instance, name, None)  # loaded now, cached with the settings
        if hasattr(instance, "get_legal_pages"):
            instance.get_legal_pages()
        return instance

    return content_cache.get_or_set(f"settings:{model._meta.label_lower}:{site.pk}", load)


def menu_items(request):
    """
    The site's top-level pages marked "Show in menus", live and public, in tree
    order, as `{"title", "url", "path"}` (the path tells the current section).
    """
    site = Site.find_for_request(request)
    if site is None:
        return []

    def load():
        pages = visibility.public(site.root_page.get_children().live().in_menu())
        return [
            {"title": page.title, "url": page.get_url(request), "path": page.path} for page in pages
        ]

    return content_cache.get_or_set(f"menu:{site.pk}", load)
