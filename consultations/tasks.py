"""Background work, through Django's task framework (django-tasks)."""

from django_tasks import task

from .notifications import deliver


@task()
def send_notifications(request_id):
    """Send a new request's staff notification and patient confirmation."""
    return deliver(request_id)
