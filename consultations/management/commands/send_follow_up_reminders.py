"""
Queue this morning's follow-up reminders: one e-mail per member of staff with
requests to follow up today or overdue, naming no patient. Run it daily from
the scheduler (docs/deploy.md), or enqueue
`consultations.tasks.send_follow_up_reminders` instead.
"""

from django.core.management.base import BaseCommand

from consultations import reminders


class Command(BaseCommand):
    help = (
        "E-mail each member of staff how many consultation requests they have to follow up "
        "today (with a link to them; no patient details). At most one e-mail per person a day."
    )

    def handle(self, *args, **options):
        queued = reminders.queue_follow_up_reminders()
        self.stdout.write(f"Queued {len(queued)} follow-up reminder(s).")
