"""
Publish webhooks: tell a headless front end when a page is published,
unpublished or deleted, so it can rebuild or purge that page.

Each event becomes one outbox message (kind `clinic_site.webhook`, listed in the
admin as webhook deliveries) per URL in CLINIC_WEBHOOK_URLS, queued in the
transaction that publishes the page and sent after the commit by the outbox,
with the same claim and retries as every e-mail (`clinic_site.outbox`). The JSON
body is signed with HMAC-SHA256 using CLINIC_WEBHOOK_SECRET; the signature
travels in the `X-Clinic-Signature: sha256=<hex>` header (docs/api.md shows how
to check it).
"""

import hashlib
import hmac
import json
from contextvars import ContextVar

from django.utils import timezone

import requests

from . import conf, outbox
from .models import WebhookDelivery

KIND = WebhookDelivery.KIND
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
    """
    Queue one delivery per configured URL. With the task queue down the
    editor's publish still succeeds: the deliveries stay pending in the outbox.
    """
    urls = conf.get("CLINIC_WEBHOOK_URLS")
    if not urls:
        return []
    event = page_payload(page, action)
    return [outbox.queue(KIND, payload={"url": url, "event": event}) for url in urls]


def send(message):
    """The outbox's sender for webhooks: one signed POST; raises when it was not accepted."""
    secret = conf.get("CLINIC_WEBHOOK_SECRET")
    if not secret:
        # Never sent unsigned: the front end could not tell it from a forgery
        # (the system check clinic_site.E004 reports the setting).
        raise outbox.Undeliverable(
            "Not sent: CLINIC_WEBHOOK_SECRET is empty, so it cannot be signed."
        )
    body = encode(message.payload["event"])
    response = requests.post(
        message.payload["url"],
        data=body,
        headers={
            "Content-Type": "application/json",
            SIGNATURE_HEADER: sign(body, secret),
            "X-Clinic-Delivery": str(message.pk),
        },
        timeout=conf.get("CLINIC_WEBHOOK_TIMEOUT"),
    )
    response.raise_for_status()


def register_sender():
    """Called from the core's `ready()`."""
    outbox.register(KIND, send, channel="webhook")


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
