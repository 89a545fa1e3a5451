"""
Withdraw every patient authorization past its expiry date, taking down what is
linked to it (`clinic_site.withdrawal`). Run it daily (docs/deploy.md): pages
stop showing an expired item on their own, this deletes its photos and records it.
"""

from django.core.management.base import BaseCommand

from clinic_site.withdrawal import withdraw_expired


class Command(BaseCommand):
    help = "Withdraw expired patient authorizations and take down what depends on them."

    def handle(self, *args, **options):
        done = withdraw_expired()
        for authorization, counts in done:
            self.stdout.write(
                f"Withdrew {authorization.reference}: {counts['items']} item(s), "
                f"{counts['images']} photo(s) deleted, {counts['pages']} page(s) updated."
            )
        self.stdout.write(f"{len(done)} expired authorization(s) withdrawn.")
