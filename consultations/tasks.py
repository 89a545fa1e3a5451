"""Background work of the consultations app, through Django's task framework."""

from django_tasks import task

from . import privacy, reminders


@task()
def purge_expired_consultation_requests():
    """
    The retention period, for a scheduler that enqueues tasks rather than runs
    commands: the same as `manage.py purge_consultation_requests`. Returns the
    number of requests deleted per status.
    """
    return privacy.purge_expired()


@task()
def send_follow_up_reminders():
    """
    The morning reminders (`reminders.py`), for a scheduler that enqueues tasks:
    the same as `manage.py send_follow_up_reminders`. Returns how many were queued.
    """
    return len(reminders.queue_follow_up_reminders())
