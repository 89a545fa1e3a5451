"""Background work of the shared core, through Django's task framework."""

import datetime
import logging

from django.utils import timezone

import requests
from django_tasks import default_task_backend, task

from . import conf, outbox, renditions
from .models import WebhookDelivery
from .task_backends import retried_later
from .webhooks import SIGNATURE_HEADER, encode, sign

logger = logging.getLogger(__name__)


# If the queue is down the message stays pending: the next delivery task, or
# `send_outbox`, sends it. Never SMTP in a patient's request.
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


# If the queue is down the delivery stays pending for `send_pending_webhooks`.
@retried_later
@task()
def deliver_webhook(delivery_id):
    """
    POST one webhook. On failure, schedule the next attempt with exponential
    back-off (30 s, 60 s, 120 s, ... by default) until CLINIC_WEBHOOK_MAX_ATTEMPTS;
    a queue that cannot defer work leaves it to `manage.py send_pending_webhooks`.
    """
    delivery = WebhookDelivery.objects.filter(pk=delivery_id).first()
    if delivery is None or delivery.status != WebhookDelivery.Status.PENDING:
        return
    secret = conf.get("CLINIC_WEBHOOK_SECRET")
    if not secret:
        # Never sent unsigned: the front end could not tell it from a forgery
        # (the system check clinic_site.E004 reports the setting).
        delivery.status = WebhookDelivery.Status.FAILED
        delivery.next_attempt_at = None
        delivery.last_error = "Not sent: CLINIC_WEBHOOK_SECRET is empty, so it cannot be signed."
        delivery.save()
        logger.error("Webhook %s not sent: CLINIC_WEBHOOK_SECRET is empty.", delivery.pk)
        return
    body = encode(delivery.payload)
    delivery.attempts += 1
    try:
        response = requests.post(
            delivery.url,
            data=body,
            headers={
                "Content-Type": "application/json",
                SIGNATURE_HEADER: sign(body, secret),
                "X-Clinic-Delivery": str(delivery.pk),
            },
            timeout=conf.get("CLINIC_WEBHOOK_TIMEOUT"),
        )
        delivery.response_status = response.status_code
        response.raise_for_status()
    except requests.RequestException as error:
        delivery.last_error = str(error)[:2000]
        if delivery.attempts >= conf.get("CLINIC_WEBHOOK_MAX_ATTEMPTS"):
            delivery.status = WebhookDelivery.Status.FAILED
            delivery.next_attempt_at = None
            logger.warning("Webhook %s failed for good: %s", delivery.pk, error)
        else:
            delay = conf.get("CLINIC_WEBHOOK_RETRY_BASE_SECONDS") * 2 ** (delivery.attempts - 1)
            delivery.next_attempt_at = timezone.now() + datetime.timedelta(seconds=delay)
        delivery.save()
        if (
            delivery.status == WebhookDelivery.Status.PENDING
            and default_task_backend.supports_defer
        ):
            deliver_webhook.using(run_after=delivery.next_attempt_at).enqueue(delivery.pk)
        return
    delivery.status = WebhookDelivery.Status.DELIVERED
    delivery.delivered_at = timezone.now()
    delivery.next_attempt_at = None
    delivery.last_error = ""
    delivery.save()


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
