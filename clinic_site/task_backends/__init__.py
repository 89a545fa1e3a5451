"""
Task backends that keep working while their queue is down (`rq.RQBackend`), and
the mark for tasks that must not run in the request instead.

A task whose caller keeps its own pending record and retries it (the outbox's
e-mails, the publish webhooks) is marked `@retried_later`: when it cannot be
queued, the error goes to that caller, which logs it and leaves the work
pending, so a patient never waits on SMTP in the request. This module imports
nothing else, so the apps can mark their tasks whatever backend the project uses.
"""

_retried_later = set()


def retried_later(task):
    """Use above `@task()`: mark `task` as one its caller keeps pending and retries."""
    _retried_later.add(task.module_path)
    return task


def is_retried_later(task):
    return task.module_path in _retried_later
