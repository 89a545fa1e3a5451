"""
The outbox: every message the site sends to the outside world on someone's
behalf (a notification e-mail, and later any other delivery), one row each.

Delivery state lives here, in its own row, so that nothing else (an editor or
the front desk saving the object the message is about) can overwrite it. A row
is claimed with one conditional UPDATE before it is sent, so two workers, a
worker and the operator's command, or a retry racing a slow send can never send
the same message twice. See `clinic_site.outbox` for the sending side.
"""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxMessage(models.Model):
    wagtail_reference_index_ignore = True

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed (gave up)")

    # The registered sender that knows how to build and send it, e.g.
    # "consultations.staff_notice" (see `clinic_site.outbox.register`).
    kind = models.CharField(_("kind"), max_length=100, db_index=True)
    # What the message is about; the sender reads it when it sends, so the
    # outbox itself holds no copy of personal data.
    content_type = models.ForeignKey(
        "contenttypes.ContentType", null=True, blank=True, on_delete=models.CASCADE
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    subject = GenericForeignKey("content_type", "object_id")
    payload = models.JSONField(_("payload"), default=dict, blank=True, encoder=DjangoJSONEncoder)

    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    # The error's type (and SMTP code), never its text: that can quote an address.
    last_error = models.CharField(_("last error"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    # While "sending": when the claim lapses (a worker that died mid-send).
    claimed_until = models.DateTimeField(_("claimed until"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox messages")
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="outbox_due_idx"),
            models.Index(fields=["content_type", "object_id"], name="outbox_subject_idx"),
        ]

    def __str__(self):
        return f"{self.kind} #{self.pk}"
