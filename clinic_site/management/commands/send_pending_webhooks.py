"""`send_outbox --kind clinic_site.webhook`: the publish webhooks that are due, for cron."""

from clinic_site.webhooks import KIND

from .send_outbox import Command as SendOutboxCommand


class Command(SendOutboxCommand):
    help = "Send the publish webhooks that are due (send_outbox for webhooks only)."
    kinds = (KIND,)
    noun = "webhook(s)"
