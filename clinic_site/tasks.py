"""Background work of the shared core, through Django's task framework."""

from django_tasks import task

from . import conf, outbox, renditions
from .task_backends import retried_later


# If the queue is down the message stays pending: the next delivery task, or
# `send_outbox`, sends it. Never SMTP (or a webhook's POST) in a patient's or an
# editor's request.
@retried_later
@task()
def deliver_outbox_message(message_id):
    """
    Send one outbox message, then any message whose own task was lost (queued
    while the task queue was down, or dropped by a queue restart).
    """
    status = outbox.deliver(message_id)
    outbox.deliver_due(limit=20, grace=conf.get("CLINIC_OUTBOX_OVERDUE_SECONDS"))
    return status


@task()
def make_page_renditions(page_id):
    """The renditions a published page shows (`clinic_site.renditions`)."""
    from wagtail.models import Page

    page = Page.objects.filter(pk=page_id).first()
    if page is not None:
        renditions.for_page(page.specific)


@task()
def make_image_renditions(image_id):
    """A new image's renditions at the sizes pages show it (`clinic_site.renditions`)."""
    from wagtail.images import get_image_model

    image = get_image_model().objects.filter(pk=image_id).first()
    if image is not None:
        renditions.for_image(image, renditions.HERO, renditions.PHOTO)
