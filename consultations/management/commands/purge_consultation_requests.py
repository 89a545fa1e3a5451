"""
Delete closed and spam consultation requests last updated longer ago than
CONSULTATIONS_RETENTION_DAYS. Run it daily from the scheduler (docs/deploy.md),
or enqueue `consultations.tasks.purge_expired_consultation_requests` instead.
"""

from django.core.management.base import BaseCommand

from consultations import conf, privacy


class Command(BaseCommand):
    help = (
        "Delete closed and spam consultation requests older than CONSULTATIONS_RETENTION_DAYS "
        "(by their last update). Requests still open are kept."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Only print how many requests would be deleted.",
        )

    def handle(self, *args, dry_run, **options):
        counts = privacy.purge_expired(dry_run=dry_run)
        days = conf.get("CONSULTATIONS_RETENTION_DAYS")
        total = sum(counts.values())
        detail = ", ".join(f"{count} {status}" for status, count in sorted(counts.items()))
        verb = "Would delete" if dry_run else "Deleted"
        self.stdout.write(
            f"{verb} {total} consultation request(s) closed or marked spam and last updated "
            f"more than {days} days ago" + (f": {detail}." if total else ".")
        )
