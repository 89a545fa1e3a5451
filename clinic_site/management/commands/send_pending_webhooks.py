"""Send webhook deliveries that are due (from cron, with task queues that cannot defer)."""

from django.core.management.base import BaseCommand
from django.db.models import Q
from django.utils import timezone

from clinic_site.models import WebhookDelivery
from clinic_site.tasks import deliver_webhook


class Command(BaseCommand):
    help = "Retry publish webhooks that are due."

    def handle(self, *args, **options):
        due = WebhookDelivery.objects.filter(status=WebhookDelivery.Status.PENDING).filter(
            Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=timezone.now())
        )
        count = 0
        for pk in due.values_list("pk", flat=True):
            deliver_webhook.enqueue(pk)
            count += 1
        self.stdout.write(f"Queued {count} webhook deliveries.")
