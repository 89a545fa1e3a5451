"""
Withdrawing a patient's authorization: one step that takes down everything
linked to it, whichever app defines it (any `AuthorizedContent` model).

In one transaction it marks the authorization withdrawn; deletes the photos
linked to it from the image library, with their renditions, and the original and
rendition files once the transaction commits (directly from their storage, not
through a task queue), so no address of theirs keeps working; refreshes the
search entries of the pages that showed the items (their text drops out, since
only authorized items are indexed);
forgets the cached content (the site's page cache with it) and purges those
pages and their listings from a CDN where one is configured (`cache_purge`);
and writes the withdrawal in the authorization's history.
Pages, both content APIs and search only ever show items whose authorization is
valid, so from the commit on nothing of it is shown anywhere.
"""

import logging

from django.db import transaction
from django.utils import timezone

from wagtail.log_actions import log
from wagtail.search import index

from . import cache_purge, content_cache
from .models.authorizations import PatientAuthorization, authorized_models

logger = logging.getLogger(__name__)

WITHDRAW_ACTION = "clinic_site.withdraw_authorization"


def withdraw(authorization, user=None, reason=""):
    """
    Withdraw `authorization` (as `user`, or the system for an expiry) and take
    down what depends on it. Returns what was taken down, for a message.
    """
    with transaction.atomic():
        authorization = PatientAuthorization.objects.select_for_update().get(pk=authorization.pk)
        if authorization.withdrawn_at is None:
            authorization.withdrawn_at = timezone.now()
            authorization.withdrawn_by = user
            authorization.withdrawal_reason = reason[:200]
            authorization.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_reason"])
        items, images, pages = [], {}, {}
        for model in authorized_models():
            for item in model.objects.filter(authorization=authorization):
                items.append(item)
                images.update({image.pk: image for image in item.authorized_images() if image})
                pages.update({page.pk: page for page in item.pages_showing() if page})
        renditions = 0
        for image in images.values():
            files = [image.file, *(rendition.file for rendition in image.renditions.all())]
            renditions += len(files) - 1
            # Deleted here, once committed, from the storage they are in: not left to
            # a task queue that may be down, so no address of them keeps working.
            transaction.on_commit(lambda files=files: _delete_files(files), robust=True)
            image.delete()  # cascades to its renditions
        content_cache.content_changed()
        for page in pages.values():
            index.insert_or_update_object(page.specific)
        log(
            instance=authorization,
            action=WITHDRAW_ACTION,
            user=user,
            data={
                "reason": reason or ("expired" if user is None else ""),
                "items": [f"{item._meta.label}:{item.pk}" for item in items],
                "images_deleted": sorted(images),
                "renditions_deleted": renditions,
                "pages": sorted(pages),
            },
        )
        if cache_purge.configured():
            cache_purge.purge_later(
                cache_purge.listing_urls([page.specific for page in pages.values()])
            )
    return {"items": len(items), "images": len(images), "pages": len(pages)}


def withdraw_expired(on=None):
    """Withdraw every authorization past its expiry date (the daily command)."""
    return [
        (authorization, withdraw(authorization, reason="expired"))
        for authorization in PatientAuthorization.objects.expired(on)
    ]


def _delete_files(files):
    for file in files:
        try:
            if file.name and file.storage.exists(file.name):
                file.storage.delete(file.name)
        except Exception:  # one file failing must not keep the others
            logger.exception("Could not delete %s after a withdrawal.", file.name)
