"""
Sending what the outbox holds: at most once per message, retried with back-off.

An app registers a sender for each kind of message it queues (in its
`AppConfig.ready()`), queues messages in the same transaction as the thing they
are about, and the outbox does the rest:

- after the commit, each message is handed to the task queue; if the queue is
  down, the message simply stays pending;
- a worker claims a message with one conditional UPDATE (pending and due, or
  claimed by a worker that died) before sending it, so a message is sent at
  most once even when two workers, a retry and the operator's command race;
- a failed send is recorded (error type only) and retried by the worker itself
  after `CLINIC_OUTBOX_RETRY_BASE_SECONDS`, doubling each time up to
  `CLINIC_OUTBOX_RETRY_MAX_SECONDS`, until `CLINIC_OUTBOX_MAX_ATTEMPTS`; queues
  that cannot defer work (the immediate backend of development) leave retries
  to the next delivery or to `manage.py send_outbox`;
- every delivery task also sends messages that are overdue, i.e. whose own task
  was lost (queue down when they were created, or a queue restarted without its
  data), so the worker heals itself as soon as traffic flows again;
- a sender that knows retrying cannot help (a missing setting) raises
  `Undeliverable`: the message is marked failed at once, with that reason.

Notification e-mails (`consultations.notifications`) and publish webhooks
(`clinic_site.webhooks`) are both kinds of message here: one claim, one retry
policy, one command (`send_outbox`) for every delivery to the outside world.
"""

import datetime
import logging
import smtplib
import socket

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from . import conf
from .models import OutboxMessage

logger = logging.getLogger(__name__)

Status = OutboxMessage.Status

_senders = {}
_channels = {}

# Errors that say the mail server (not one message) cannot be reached.
SERVER_DOWN = (
    ConnectionError,
    TimeoutError,
    socket.gaierror,
    smtplib.SMTPConnectError,
    smtplib.SMTPServerDisconnected,
)


class Undeliverable(Exception):  # noqa: N818 - reads as the outcome, like Django's exceptions
    """
    Raised by a sender when no retry can succeed (e.g. a webhook with no signing
    key). Its message is stored as the error staff see, so it must not quote
    personal data.
    """


def register(kind, sender, *, channel="email"):
    """
    Send messages of `kind` with `sender(message)`, which raises when sending
    fails. `channel` groups the kinds that share a server: when one cannot reach
    it, a round of `deliver_due()` sends no more of that channel.
    """
    _senders[kind] = sender
    _channels[kind] = channel


def queue(kind, subject=None, payload=None):
    """
    Record one message to send after the current transaction commits. Call it
    inside the transaction that stores `subject`, so both are kept or neither.
    """
    message = OutboxMessage.objects.create(
        kind=kind,
        content_type=ContentType.objects.get_for_model(subject) if subject else None,
        object_id=subject.pk if subject else None,
        payload=payload or {},
    )
    transaction.on_commit(lambda: enqueue(message.pk), robust=True)
    return message


def enqueue(message_id, *, run_after=None):
    """Hand a message to the task queue; a queue that is down leaves it pending."""
    from .tasks import deliver_outbox_message

    if run_after is not None and run_after.microsecond:
        # Queues such as RQ keep a deferred job's time in whole seconds and start it from the
        # beginning of that second. Rounded up, a retry never runs before its message is due
        # (it would find nothing to send, and the retry would be lost).
        run_after = run_after.replace(microsecond=0) + datetime.timedelta(seconds=1)
    try:
        deliver_outbox_message.using(
            queue_name=conf.get("CLINIC_OUTBOX_QUEUE"), run_after=run_after
        ).enqueue(message_id)
    except Exception as error:
        logger.warning(
            "Outbox message %s could not be queued (%s); it stays pending.",
            message_id,
            type(error).__name__,
        )
        return False
    return True


def backoff(attempts):
    """The wait before attempt `attempts + 1`: base, 2 × base, 4 × base… up to the maximum."""
    seconds = conf.get("CLINIC_OUTBOX_RETRY_BASE_SECONDS") * 2 ** max(attempts - 1, 0)
    return datetime.timedelta(seconds=min(seconds, conf.get("CLINIC_OUTBOX_RETRY_MAX_SECONDS")))


def claimable(now):
    """Messages a worker may take now: due, or claimed by a worker that never finished."""
    return Q(status=Status.PENDING, next_attempt_at__lte=now) | Q(
        status=Status.SENDING, claimed_until__lt=now
    )


def sendable(now):
    """The messages a worker may take now, with attempts left."""
    return OutboxMessage.objects.filter(claimable(now)).exclude(
        attempts__gte=conf.get("CLINIC_OUTBOX_MAX_ATTEMPTS")
    )


def describe_error(error):
    """
    The error's type and its SMTP or HTTP status code, never its text (that can
    quote a recipient's address); an `Undeliverable`'s own reason.
    """
    if isinstance(error, Undeliverable):
        return str(error)
    code = getattr(error, "smtp_code", None) or getattr(
        getattr(error, "response", None), "status_code", None
    )
    return f"{type(error).__name__} {code}" if code else type(error).__name__


def deliver(message_id, *, now=None):
    """
    Send one message if it is due and nobody else is sending it. Returns the
    message's new status, or None when it was not this caller's to send.
    Never raises for a sending error.
    """
    return _deliver(message_id, now=now)[0]


def _deliver(message_id, *, now=None):
    """`deliver()`, also returning the sending error (None when sent or not ours)."""
    now = now or timezone.now()
    claimed = (
        sendable(now)
        .filter(pk=message_id)
        .update(
            status=Status.SENDING,
            claimed_until=now + datetime.timedelta(seconds=conf.get("CLINIC_OUTBOX_CLAIM_SECONDS")),
            attempts=F("attempts") + 1,
        )
    )
    if not claimed:
        return None, None
    message = OutboxMessage.objects.get(pk=message_id)
    try:
        sender = _senders.get(message.kind)
        if sender is None:
            raise LookupError(f"No sender registered for {message.kind!r}.")
        sender(message)
    except Exception as error:  # SMTP, HTTP, DNS, timeouts, a deleted subject: keep it to retry
        return _record_failure(message, error), error
    OutboxMessage.objects.filter(pk=message.pk, status=Status.SENDING).update(
        status=Status.SENT, sent_at=timezone.now(), last_error="", claimed_until=None
    )
    return Status.SENT, None


def _record_failure(message, error):
    gave_up = isinstance(error, Undeliverable) or message.attempts >= conf.get(
        "CLINIC_OUTBOX_MAX_ATTEMPTS"
    )
    next_attempt_at = timezone.now() + backoff(message.attempts)
    status = Status.FAILED if gave_up else Status.PENDING
    OutboxMessage.objects.filter(pk=message.pk, status=Status.SENDING).update(
        status=status,
        last_error=describe_error(error)[:200],
        next_attempt_at=next_attempt_at,
        claimed_until=None,
    )
    log = logger.error if gave_up else logger.warning
    log(
        "Outbox message %s (%s) failed on attempt %s: %s.%s",
        message.pk,
        message.kind,
        message.attempts,
        describe_error(error),
        " Giving up." if gave_up else "",
    )
    if not gave_up and _queue_can_defer():
        enqueue(message.pk, run_after=next_attempt_at)
    return status


def _queue_can_defer():
    from django_tasks import default_task_backend

    return default_task_backend.supports_defer


def of_kinds(queryset, kinds):
    """Only messages of `kinds` (all when empty); a kind ending in a dot is a prefix."""
    if not kinds:
        return queryset
    kind_filter = Q()
    for kind in kinds:
        kind_filter |= Q(kind__startswith=kind) if kind.endswith(".") else Q(kind=kind)
    return queryset.filter(kind_filter)


def due(now=None, *, grace=0, kinds=None):
    """Messages that may be sent now, oldest first; `grace` seconds overdue at least."""
    now = now or timezone.now()
    queryset = of_kinds(sendable(now - datetime.timedelta(seconds=grace)), kinds)
    return queryset.order_by("next_attempt_at", "id")


def retry_now(kinds=None):
    """Make every pending message (of `kinds`) due now, ignoring the back-off."""
    pending = OutboxMessage.objects.filter(status=Status.PENDING)
    return of_kinds(pending, kinds).update(next_attempt_at=timezone.now())


def deliver_due(*, limit=None, grace=0, kinds=None):
    """
    Send every due message (at most `limit`); returns a count per resulting status.
    After a failure to reach the mail server the round sends no more messages of
    that channel: they would fail the same way, and only use up their attempts.
    Other channels (webhooks to a front end) still go.
    """
    messages = list(due(grace=grace, kinds=kinds).values_list("pk", "kind")[:limit])
    results = {}
    unreachable = set()
    for pk, kind in messages:
        channel = _channels.get(kind)
        if channel in unreachable:
            continue
        status, error = _deliver(pk)
        if status is not None:
            results[status] = results.get(status, 0) + 1
        if isinstance(error, SERVER_DOWN):
            unreachable.add(channel)
    return results
