"""Background work of the shared core, through Django's task framework."""

from django_tasks import task

from . import conf, outbox
from .task_backends import retried_later


# If the queue is down the message stays pending: the next delivery task, or
# `send_outbox`, sends it. Never SMTP (or a webhook's POST) in a patient's or an
# editor's request.
@retried_later
@task()
def deliver_outbox_message(message_id):
    """
    Send one outbox message, then any message whose own task was lost (queued
    while the task queue was down, or dropped by a queue restart).
    """
    status = outbox.deliver(message_id)
    outbox.deliver_due(limit=20, grace=conf.get("CLINIC_OUTBOX_OVERDUE_SECONDS"))
    return status
