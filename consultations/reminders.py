"""
The morning reminder: each member of staff with requests to follow up today
(or overdue) gets one e-mail saying how many, with a link to their list in the
admin. It names no patient and no request: an inbox is no place for health data.

`queue_follow_up_reminders()` puts at most one reminder per person per day in
the core's outbox (`clinic_site.outbox`), which sends it and retries it like
every other e-mail; the figures are counted again when it is sent, so a
reminder delayed by a mail outage never reports work already done. Run daily by
`manage.py send_follow_up_reminders` or the task of the same name.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from clinic_site import outbox
from clinic_site.models import OutboxMessage

from . import get_request_model
from .permissions import can_see_requests
from .triage import DUE, follow_up_due

FOLLOW_UP_REMINDER = "consultations.follow_up_reminder"


def register_senders():
    """Called from the app's `ready()`."""
    outbox.register(FOLLOW_UP_REMINDER, send_follow_up_reminder)


def due_counts(today=None, assignee=None):
    """{assignee id: (due, overdue)} of open requests to follow up by `today`."""
    queryset = get_request_model().objects.filter(assignee__isnull=False)
    if assignee is not None:
        queryset = queryset.filter(assignee=assignee)
    today = today or timezone.localdate()
    rows = (
        follow_up_due(queryset, DUE, today)
        .values("assignee")
        .annotate(due=Count("pk"), overdue=Count("pk", filter=Q(follow_up_on__lt=today)))
    )
    return {row["assignee"]: (row["due"], row["overdue"]) for row in rows}


def queue_follow_up_reminders(today=None):
    """Queue today's reminders; running it twice on one day queues nothing more."""
    today = today or timezone.localdate()
    already = set(
        OutboxMessage.objects.filter(
            kind=FOLLOW_UP_REMINDER, payload__date=today.isoformat()
        ).values_list("object_id", flat=True)
    )
    users = get_user_model().objects.filter(pk__in=due_counts(today)).exclude(pk__in=already)
    return [
        outbox.queue(FOLLOW_UP_REMINDER, user, payload={"date": today.isoformat()})
        for user in users
        if user.is_active and user.email and can_see_requests(user)
    ]


def list_url():
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    query = urlencode({"assigned": "me", "follow_up": DUE})
    return f"{base}{reverse('consultationrequest:index')}?{query}"


def send_follow_up_reminder(message):
    user = message.subject
    if user is None or not (user.is_active and user.email and can_see_requests(user)):
        return
    due, overdue = due_counts(assignee=user).get(user.pk, (0, 0))
    if not due:
        return
    context = {
        "user": user,
        "due": due,
        "overdue": overdue,
        "list_url": list_url(),
    }
    subject = ngettext(
        "%(count)d consultation request to follow up today",
        "%(count)d consultation requests to follow up today",
        due,
    ) % {"count": due}
    send_mail(
        subject=subject,
        message=render_to_string("consultations/emails/follow_up_reminder.txt", context),
        from_email=None,
        recipient_list=[user.email],
    )
