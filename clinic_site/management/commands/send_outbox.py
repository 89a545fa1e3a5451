"""
Send outbox messages that are due now: for operators, and from cron where the
task queue cannot defer work. The worker retries by itself otherwise.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from clinic_site import outbox


class Command(BaseCommand):
    help = "Send the outbox messages (notification e-mails) that are due, with back-off."

    def add_arguments(self, parser):
        parser.add_argument(
            "--now",
            action="store_true",
            help="Ignore the back-off: try every unsent message now.",
        )
        parser.add_argument(
            "--kind",
            action="append",
            default=None,
            help="Only messages of this kind (repeatable); a trailing dot matches a prefix, "
            "e.g. 'consultations.'.",
        )

    def handle(self, *args, **options):
        if options["now"]:
            outbox.OutboxMessage.objects.filter(status=outbox.Status.PENDING).update(
                next_attempt_at=timezone.now()
            )
        results = outbox.deliver_due(kinds=options["kind"])
        total = sum(results.values())
        summary = ", ".join(f"{count} {status}" for status, count in sorted(results.items()))
        self.stdout.write(f"{total} message(s) processed" + (f": {summary}" if total else ""))
