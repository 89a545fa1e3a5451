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


def settings_for_page(model, page):
    """
    The settings of the site `page` belongs to, from the cache, without a request
    (the API): the site is told by Wagtail's cached site root paths, no query.
    """
    parts = page.get_url_parts()
    if parts is None:
        return None
    site_id = parts[0]

    def load():
        return _load_settings(model, Site.objects.select_related("root_page").get(pk=site_id))

    return content_cache.get_or_set(_settings_key(model, site_id), load)


def _settings_key(model, site_id):
    return f"settings:{model._meta.label_lower}:{site_id}"


def _load_settings(model, site):
    instance = model.for_site(site)
    for name in ("consultation_page", "privacy_notice_page", "logo"):
        getattr(instance, name, None)  # loaded now, cached with the settings
    if hasattr(instance, "get_legal_pages"):
        instance.get_legal_pages()
    return instance


def site_settings(model, site):
    """
    `model.for_site(site)` from the cache, with the pages and image it links
    loaded, so the header's "Book a consultation" link and the footer's legal
    links cost no query.
    """

    return content_cache.get_or_set(
        _settings_key(model, site.pk), lambda: _load_settings(model, site)
    )


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
