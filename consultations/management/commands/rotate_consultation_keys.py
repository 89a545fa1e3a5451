"""
Re-encrypt every consultation request with the newest key in
CLINIC_ENCRYPTION_KEYS and rebuild the blind index. Run it after putting a new
key in front of the list; once it finished, the old keys can be removed.
docs/privacy.md has the whole procedure.
"""

from django.core.management.base import BaseCommand, CommandError

from clinic_site import crypto
from consultations import privacy


class Command(BaseCommand):
    help = (
        "Re-encrypt every consultation request with the newest key in CLINIC_ENCRYPTION_KEYS "
        "and rebuild the blind index. Safe to run again; works in batches."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch-size",
            type=int,
            default=privacy.BATCH_SIZE,
            help="Requests re-encrypted per transaction (default %(default)s).",
        )

    def handle(self, *args, batch_size, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        keys = crypto.encryption_keys()
        crypto.get_fernet()  # a missing or broken key list stops here, before any row
        count = privacy.reencrypt_all(batch_size=batch_size)
        self.stdout.write(
            f"Re-encrypted {count} consultation request(s) with the newest of {len(keys)} "
            "key(s) and rebuilt their blind index."
        )
        if len(keys) > 1:
            self.stdout.write(
                "Every request now uses the newest key: the older keys can be removed from "
                "CLINIC_ENCRYPTION_KEYS."
            )
