"""
What a separate (headless) front end needs stored: draft previews it may fetch
for a short time, and the publish webhooks sent to it (outbox messages of their
own kind), with their outcome.
"""

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _

from .outbox import OutboxMessage


class PagePreview(models.Model):
    """
    A snapshot of a page as an editor is previewing it, unsaved changes included.
    The admin's preview hands the front end a signed, short-lived token for it
    (see `clinic_site.preview`); old snapshots are pruned as new ones are made.
    """

    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, related_name="+"
    )
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    content_json = models.JSONField(encoder=DjangoJSONEncoder)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("page preview")
        verbose_name_plural = _("page previews")

    def __str__(self):
        return f"Preview {self.pk} of {self.content_type}"

    def as_page(self):
        """The previewed page as an unsaved instance of its own type."""
        model = self.content_type.model_class()
        return model.from_serializable_data(self.content_json, check_fks=True, strict_fks=False)


class WebhookDeliveryManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().filter(kind=WebhookDelivery.KIND)


class WebhookDelivery(OutboxMessage):
    """
    The publish webhooks among the outbox's messages: one POST of a page event
    to one front-end URL. A proxy, so webhooks share the outbox's claim and retry
    policy with the e-mails, and admins get a list of these alone. The payload
    holds the `url` and the signed `event`; see `clinic_site.webhooks`.
    """

    KIND = "clinic_site.webhook"

    objects = WebhookDeliveryManager()

    class Meta:
        proxy = True
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.action} page {self.page_id} → {self.url}"

    @property
    def url(self):
        return self.payload.get("url", "")

    @property
    def event(self):
        return self.payload.get("event", {})

    @property
    def action(self):
        return self.event.get("action", "")

    @property
    def page_id(self):
        return self.event.get("page", {}).get("id")
