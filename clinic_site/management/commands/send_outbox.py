"""
Send outbox messages that are due: once (for operators, or from cron), or in a
loop with `--every SECONDS` as a process beside the task worker. The outbox
holds every delivery: notification e-mails and publish webhooks alike.
`send_pending_webhooks` and `send_pending_consultation_notifications` are this
command for their kinds (`Command.kinds`).

The worker retries a failed e-mail by itself with a deferred task, but deferred
tasks live in the task queue: a Redis restarted without its data forgets them.
The loop sends whatever is due from the outbox table itself, so nothing waits
for new traffic or an operator after such a restart.
"""

import logging
import time

from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections, connection

from clinic_site import outbox

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Send the outbox messages (notification e-mails, webhooks) that are due, with back-off."
    # An alias of this command for some kinds sets them, and how it counts what it sent.
    kinds = None
    noun = "message(s)"

    def add_arguments(self, parser):
        parser.add_argument(
            "--now",
            action="store_true",
            help="Ignore the back-off: try every unsent message now.",
        )
        if self.kinds is None:
            parser.add_argument(
                "--kind",
                action="append",
                default=None,
                help="Only messages of this kind (repeatable); a trailing dot matches a prefix, "
                "e.g. 'consultations.' or 'clinic_site.webhook'.",
            )
        parser.add_argument(
            "--every",
            type=int,
            default=0,
            metavar="SECONDS",
            help="Keep running: send what is due every SECONDS seconds (a process beside the "
            "task worker). A database that is down is waited for, not fatal.",
        )
        parser.add_argument(
            "--rounds",
            type=int,
            default=0,
            help=("With --every: stop after this many rounds (0: never)."),
        )

    def handle(self, *args, **options):
        kinds = self.kinds or options["kind"]
        if options["now"]:
            outbox.retry_now(kinds)
        if not options["every"]:
            self.report(outbox.deliver_due(kinds=kinds))
            return
        rounds = 0
        while True:
            if not connection.in_atomic_block:
                # A long-lived process: drop a connection the database closed meanwhile.
                close_old_connections()
            try:
                results = outbox.deliver_due(kinds=kinds)
            except DatabaseError as error:
                logger.warning(
                    "Outbox round skipped: the database is unavailable (%s).", type(error).__name__
                )
            else:
                if results:
                    self.report(results)
            rounds += 1
            if options["rounds"] and rounds >= options["rounds"]:
                return
            time.sleep(options["every"])

    def report(self, results):
        total = sum(results.values())
        summary = ", ".join(f"{count} {status}" for status, count in sorted(results.items()))
        self.stdout.write(f"{total} {self.noun} processed" + (f": {summary}" if total else ""))
