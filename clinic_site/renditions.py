"""
The image renditions pages show, made when an image is uploaded or a page is
published, through the task framework, so no patient waits for one to be made.

The patterns below are the ones the templates write in their `{% image %}` and
`{% picture %}` tags (hero, cards, body images, author photos, clinicians'
portraits, sharing image); a template that adds a size adds it here too. AVIF is
made only where Pillow can write it.
"""

import logging

from django.db import transaction

from PIL import features
from wagtail.images.models import Filter

logger = logging.getLogger(__name__)

FORMATS = "{avif,webp,jpeg}" if features.check("avif") else "{webp,jpeg}"
HERO = f"format-{FORMATS} fill-{{480x320,960x640}}"
CARD = HERO  # cards show the same crops, so a listing reuses the hero's files
BODY_IMAGE = f"format-{FORMATS} width-{{480,800,1200}}"
PHOTO = "fill-96x96 format-webp"
PORTRAIT = f"format-{FORMATS} fill-{{320x320,640x640}}"  # clinicians' profiles and cards
SHARING = "fill-1200x630"


def specs(pattern):
    return Filter.expand_spec(pattern)


def for_image(image, *patterns):
    """Make (or find) `image`'s renditions for `patterns`; a broken file is logged, not raised."""
    wanted = [spec for pattern in patterns for spec in specs(pattern)]
    try:
        image.get_renditions(*wanted)
    except Exception:  # a missing or unreadable file must not stop a publish
        logger.warning("Could not make renditions of image %s.", image.pk, exc_info=True)


def images_of(page):
    """(image, patterns) for what `page` shows: main and sharing images, body images, people."""
    found = []
    if getattr(page, "hero_image", None):
        found.append((page.hero_image, (HERO, SHARING)))
    if getattr(page, "social_image", None):
        found.append((page.social_image, (SHARING,)))
    for child in getattr(page, "body", None) or []:
        image = child.value.get("image") if hasattr(child.value, "get") else None
        if image is not None and hasattr(image, "get_renditions"):
            found.append((image, (BODY_IMAGE,)))
    if getattr(page, "photo", None):
        found.append((page.photo, (PORTRAIT,)))
    people = [*getattr(page, "authors", []), getattr(page, "reviewer", None)]
    found += [(person.photo, (PHOTO,)) for person in people if getattr(person, "photo", None)]
    # A page type that shows other images (a treatment's before-and-after photos) lists them.
    extra = getattr(page, "extra_rendition_images", None)
    if callable(extra):
        found += extra()
    return found


def for_page(page):
    for image, patterns in images_of(page):
        for_image(image, *patterns)


def on_published(sender, instance, **kwargs):
    """Signal receiver: queue the page's renditions once the publish is committed."""
    from .tasks import make_page_renditions

    transaction.on_commit(lambda: _enqueue(make_page_renditions, instance.pk), robust=True)


def on_image_saved(sender, instance, created=False, raw=False, **kwargs):
    """
    Signal receiver: a new image gets the renditions every page type shows it at.
    Not for a fixture's raw save: its renditions, if any, are loaded with it.
    """
    from .tasks import make_image_renditions

    if created and not raw:
        transaction.on_commit(lambda: _enqueue(make_image_renditions, instance.pk), robust=True)


def _enqueue(task, pk):
    try:
        task.enqueue(pk)
    except Exception:  # the queue may be down: the first view makes them instead
        logger.warning("Could not queue the renditions of %s.", pk, exc_info=True)
