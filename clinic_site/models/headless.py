"""
What a separate (headless) front end needs stored: draft previews it may fetch
for a short time, and the publish webhooks sent to it, with their outcome.
"""

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _


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


class WebhookDelivery(models.Model):
    """One POST of a publish event to one front-end URL, with its attempts and outcome."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Failed (gave up)")

    url = models.URLField(_("URL"), max_length=500)
    action = models.CharField(_("action"), max_length=20)
    page_id = models.PositiveIntegerField(_("page id"))
    payload = models.JSONField(_("payload"), encoder=DjangoJSONEncoder)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    response_status = models.PositiveSmallIntegerField(_("response status"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.action} page {self.page_id} → {self.url}"
