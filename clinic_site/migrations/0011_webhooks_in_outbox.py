"""
Publish webhooks move into the outbox: every delivery (pending ones with their
attempts and next attempt, and the history admins see) becomes an outbox message
of kind `clinic_site.webhook`, and `WebhookDelivery` becomes a proxy listing
those messages. Reversible: the messages go back into the old table.
"""

from django.db import migrations
from django.utils import timezone

KIND = "clinic_site.webhook"
# Old status -> outbox status, and back.
STATUSES = {"pending": "pending", "delivered": "sent", "failed": "failed"}


def into_outbox(apps, schema_editor):
    OldDelivery = apps.get_model("clinic_site", "WebhookDelivery")
    OutboxMessage = apps.get_model("clinic_site", "OutboxMessage")
    OutboxMessage.objects.bulk_create(
        OutboxMessage(
            kind=KIND,
            payload={"url": delivery.url, "event": delivery.payload},
            status=STATUSES.get(delivery.status, "failed"),
            attempts=delivery.attempts,
            last_error=delivery.last_error[:200],
            created_at=delivery.created_at,
            next_attempt_at=delivery.next_attempt_at or timezone.now(),
            sent_at=delivery.delivered_at,
        )
        for delivery in OldDelivery.objects.order_by("pk").iterator()
    )


def out_of_outbox(apps, schema_editor):
    OldDelivery = apps.get_model("clinic_site", "WebhookDelivery")
    OutboxMessage = apps.get_model("clinic_site", "OutboxMessage")
    back = {new: old for old, new in STATUSES.items()}
    messages = OutboxMessage.objects.filter(kind=KIND).order_by("pk")
    for message in messages.iterator():
        event = message.payload.get("event", {})
        delivery = OldDelivery.objects.create(
            url=message.payload.get("url", ""),
            action=event.get("action", ""),
            page_id=event.get("page", {}).get("id") or 0,
            payload=event,
            # A message being sent when the migration runs is sent again by the old code.
            status=back.get(message.status, "pending"),
            attempts=message.attempts,
            last_error=message.last_error,
            next_attempt_at=message.next_attempt_at if message.status == "pending" else None,
            delivered_at=message.sent_at,
        )
        OldDelivery.objects.filter(pk=delivery.pk).update(created_at=message.created_at)
    messages.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("clinic_site", "0010_clinic_country"),
    ]

    operations = [
        migrations.RunPython(into_outbox, out_of_outbox),
        migrations.DeleteModel(
            name="WebhookDelivery",
        ),
        migrations.CreateModel(
            name="WebhookDelivery",
            fields=[],
            options={
                "verbose_name": "webhook delivery",
                "verbose_name_plural": "webhook deliveries",
                "ordering": ["-created_at", "-id"],
                "proxy": True,
                "indexes": [],
                "constraints": [],
            },
            bases=("clinic_site.outboxmessage",),
        ),
    ]
