"""
Send the notification e-mails of consultation requests that are due: for
operators (the worker retries by itself), and from cron where the task queue
cannot defer work. `manage.py send_outbox` does the same for every kind.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from clinic_site import outbox
from consultations.notifications import KINDS


class Command(BaseCommand):
    help = "Send the unsent notification e-mails of consultation requests, with back-off."

    def add_arguments(self, parser):
        parser.add_argument(
            "--now",
            action="store_true",
            help="Ignore the back-off and try every unsent notification now.",
        )

    def handle(self, *args, **options):
        if options["now"]:
            outbox.OutboxMessage.objects.filter(
                kind__in=KINDS, status=outbox.Status.PENDING
            ).update(next_attempt_at=timezone.now())
        results = outbox.deliver_due(kinds=KINDS)
        total = sum(results.values())
        summary = ", ".join(f"{count} {status}" for status, count in sorted(results.items()))
        self.stdout.write(f"{total} notification(s) processed" + (f": {summary}" if total else ""))
