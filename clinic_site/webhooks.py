"""
Publish webhooks: tell a headless front end when a page is published,
unpublished or deleted, so it can rebuild or purge that page.

Each event becomes one `WebhookDelivery` per URL in CLINIC_WEBHOOK_URLS, sent by
the `deliver_webhook` task after the transaction commits. The JSON body is
signed with HMAC-SHA256 using CLINIC_WEBHOOK_SECRET; the signature travels in
the `X-Clinic-Signature: sha256=<hex>` header (docs/api.md shows how to check it).
"""

import hashlib
import hmac
import json
import logging
from contextvars import ContextVar
from functools import partial

from django.db import transaction
from django.utils import timezone

from . import conf
from .models import WebhookDelivery

logger = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Clinic-Signature"

# Pages being deleted right now: Wagtail unpublishes a live page just before
# deleting it, and the front end should hear "delete", not "unpublish".
_deleting: ContextVar[frozenset] = ContextVar("clinic_webhook_deleting", default=frozenset())


def sign(body: bytes, secret: str) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def encode(payload) -> bytes:
    return json.dumps(payload, sort_keys=True, separators=(",", ":")).encode()


def page_payload(page, action):
    return {
        "action": action,
        "page": {
            "id": page.pk,
            "type": page.specific_class._meta.label if page.specific_class else "",
            "title": page.title,
            "url": page.get_url() or "",
        },
        "sent_at": timezone.now().isoformat(),
    }


def queue_event(page, action):
    """Record one delivery per configured URL and send each after the commit."""
    urls = conf.get("CLINIC_WEBHOOK_URLS")
    if not urls:
        return []
    payload = page_payload(page, action)
    deliveries = [
        WebhookDelivery.objects.create(url=url, action=action, page_id=page.pk, payload=payload)
        for url in urls
    ]
    for delivery in deliveries:
        transaction.on_commit(partial(enqueue_delivery, delivery.pk))
    return deliveries


def enqueue_delivery(delivery_id):
    """
    Queue one delivery. With the queue down (Redis unreachable) the editor's
    publish still succeeds: the delivery stays pending and `send_pending_webhooks`
    sends it later.
    """
    from .tasks import deliver_webhook

    try:
        deliver_webhook.enqueue(delivery_id)
    except Exception as error:
        logger.warning(
            "Could not queue webhook delivery %s (%s); send_pending_webhooks will retry it.",
            delivery_id,
            type(error).__name__,
        )


def on_published(sender, instance, **kwargs):
    queue_event(instance, "publish")


def on_unpublished(sender, instance, **kwargs):
    if instance.pk not in _deleting.get():
        queue_event(instance, "unpublish")


def on_pre_delete(sender, instance, **kwargs):
    """Runs before Wagtail's own pre-delete handler (the core's app is loaded first)."""
    if instance.live:
        _deleting.set(_deleting.get() | {instance.pk})
        queue_event(instance, "delete")


def on_post_delete(sender, instance, **kwargs):
    _deleting.set(_deleting.get() - {instance.pk})
