"""
Listing pages as cards without one query per card.

Every listing (home page, blog index, treatment index, related pages) shows each
page's main image; fetching those images one page at a time would make the
number of queries grow with the number of cards. Querysets of cards use
`select_related("hero_image")`; pages chosen by editors (featured, related) are
loaded here by type. Renditions come from Wagtail's rendition cache (they are
made when a page is published, see `clinic_site.renditions`), so a warm page
reads none from the database.
"""

from wagtail.images import get_image_model

from . import visibility


def with_card_images(pages, field="hero_image"):
    """Load the `field` image of every page that has not loaded it yet, in one query."""
    missing = [
        page
        for page in pages
        if getattr(page, f"{field}_id", None) is not None and field not in page._state.fields_cache
    ]
    if not missing:
        return pages
    images = get_image_model().objects.filter(id__in={getattr(p, f"{field}_id") for p in missing})
    by_id = {image.id: image for image in images}
    for page in missing:
        setattr(page, field, by_id.get(getattr(page, f"{field}_id")))
    return pages


def chosen_pages(pages):
    """
    The live, public ones of editor-chosen `pages` (base `Page` objects, e.g. from
    `select_related("page")`) as their specific types, in the same order, with
    their main images: one query per page type, none for the view restrictions.
    """
    shown = [page for page in pages if page.live and visibility.is_public(page)]
    by_class = {}
    for page in shown:
        by_class.setdefault(page.specific_class, []).append(page.pk)
    specific = {}
    for cls, ids in by_class.items():
        if cls is None:
            continue
        queryset = cls.objects.filter(pk__in=ids)
        if any(field.name == "hero_image" for field in cls._meta.get_fields()):
            queryset = queryset.select_related("hero_image")
        specific.update((page.pk, page) for page in queryset)
    return [specific[page.pk] for page in shown if page.pk in specific]
