"""
Listing pages as cards without one query per card.

Every listing (home page, blog index, treatment index) shows each page's main
image; fetching those images and their renditions one page at a time would make
the number of queries grow with the number of cards.
"""

from wagtail.images import get_image_model


def with_card_images(pages, field="hero_image"):
    """Load the `field` image of every page, with its renditions, in two queries."""
    ids = {getattr(page, f"{field}_id", None) for page in pages} - {None}
    if not ids:
        return pages
    images = get_image_model().objects.filter(id__in=ids).prefetch_renditions()
    by_id = {image.id: image for image in images}
    for page in pages:
        image_id = getattr(page, f"{field}_id", None)
        if image_id in by_id:
            setattr(page, field, by_id[image_id])
    return pages
