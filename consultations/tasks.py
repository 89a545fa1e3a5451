"""Background work, through Django's task framework (django-tasks)."""

from django_tasks import task

from clinic_site.task_backends import retried_later

from .notifications import deliver


# If the queue is down the request stays pending and
# `send_pending_consultation_notifications` sends it: never SMTP in the request.
@retried_later
@task()
def send_notifications(request_id):
    """Send a new request's staff notification and patient confirmation."""
    return deliver(request_id)
