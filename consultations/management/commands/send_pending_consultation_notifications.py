"""
`send_outbox` for the notification e-mails of consultation requests: for
operators (the worker retries by itself), and from cron where the task queue
cannot defer work.
"""

from clinic_site.management.commands.send_outbox import Command as SendOutboxCommand
from consultations.notifications import KINDS


class Command(SendOutboxCommand):
    help = "Send the unsent notification e-mails of consultation requests, with back-off."
    kinds = KINDS
    noun = "notification(s)"
