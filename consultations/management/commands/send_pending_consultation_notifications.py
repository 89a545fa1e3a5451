"""
Retry the notification e-mails of consultation requests that were not sent
(SMTP down, queue down). Run it from cron, e.g. every five minutes.
"""

from django.core.management.base import BaseCommand

from consultations.notifications import deliver, due_for_retry


class Command(BaseCommand):
    help = "Send the unsent notification e-mails of consultation requests, with back-off."

    def add_arguments(self, parser):
        parser.add_argument(
            "--now",
            action="store_true",
            help="Ignore the back-off and try every unsent notification now.",
        )

    def handle(self, *args, **options):
        ids = list(due_for_retry(ignore_backoff=options["now"]).values_list("pk", flat=True))
        results = {}
        for pk in ids:
            status = deliver(pk)
            results[status] = results.get(status, 0) + 1
        summary = ", ".join(f"{count} {status}" for status, count in sorted(results.items()))
        self.stdout.write(f"{len(ids)} request(s) processed" + (f": {summary}" if ids else ""))
