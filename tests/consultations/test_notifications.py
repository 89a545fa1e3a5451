"""
Notifications: sent after the commit, never with patient details, never losing a
request, each e-mail at most once, and retried with back-off until delivered.
"""

import datetime
import smtplib
from io import StringIO
from unittest import mock

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

import pytest

from clinic_site import outbox
from clinic_site.models import OutboxMessage
from consultations.models import ConsultationRequest
from consultations.notifications import PATIENT_CONFIRMATION, STAFF_NOTICE, queue_notifications
from tests.consultations.factories import ConsultationRequestFactory, valid_data

pytestmark = pytest.mark.django_db

SMTP_DOWN = mock.patch(
    "django.core.mail.backends.locmem.EmailBackend.send_messages",
    side_effect=smtplib.SMTPRecipientsRefused({"jamie@example.com": (550, b"no such user")}),
)


def request_with_messages(page, **fields):
    """A stored request with its two e-mails queued, as a submission leaves it."""
    consultation_request = ConsultationRequestFactory(page=page, **fields)
    queue_notifications(consultation_request)
    return consultation_request


def statuses(consultation_request):
    return dict(consultation_request.outbox_messages.values_list("kind", "status"))


def test_nothing_is_sent_before_the_request_is_committed(
    client, consultation_page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(consultation_page.url, valid_data())

    assert mail.outbox == []
    assert len(callbacks) == 2  # one per e-mail
    assert statuses(ConsultationRequest.objects.get()) == {
        STAFF_NOTICE: "pending",
        PATIENT_CONFIRMATION: "pending",
    }


def test_smtp_failure_still_stores_the_request_and_leaves_it_pending_for_retry(
    client, consultation_page, django_capture_on_commit_callbacks
):
    with SMTP_DOWN, django_capture_on_commit_callbacks(execute=True):
        response = client.post(consultation_page.url, valid_data())

    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    stored = ConsultationRequest.objects.get()
    for message in stored.outbox_messages.all():
        assert message.status == "pending"
        assert message.attempts == 1
        assert message.next_attempt_at > timezone.now()
        # The error is recorded by type and code: its text quotes the address.
        assert message.last_error.startswith("SMTPRecipientsRefused")
        assert "jamie" not in message.last_error


def test_failed_sends_are_logged_without_patient_data(
    client, consultation_page, caplog, django_capture_on_commit_callbacks
):
    with SMTP_DOWN, django_capture_on_commit_callbacks(execute=True):
        client.post(consultation_page.url, valid_data())

    assert "SMTPRecipientsRefused" in caplog.text
    for secret in ("Jamie", "jamie@example.com", "07700", "frown"):
        assert secret not in caplog.text


def test_retry_command_sends_unsent_notifications_once_due(consultation_page):
    due = request_with_messages(consultation_page)
    waiting = request_with_messages(consultation_page)
    waiting.outbox_messages.update(
        attempts=1, next_attempt_at=timezone.now() + datetime.timedelta(hours=1)
    )
    out = StringIO()

    call_command("send_pending_consultation_notifications", stdout=out)

    assert set(statuses(due).values()) == {"sent"}
    assert set(statuses(waiting).values()) == {"pending"}
    assert "2 notification(s) processed: 2 sent" in out.getvalue()
    assert sorted(message.to[0] for message in mail.outbox) == [
        "desk@riverside.example",
        due.email,
    ]

    call_command("send_pending_consultation_notifications", "--now", stdout=StringIO())

    assert set(statuses(waiting).values()) == {"sent"}
    assert len(mail.outbox) == 4


def test_a_sent_e_mail_is_never_sent_again(consultation_page):
    consultation_request = request_with_messages(consultation_page)
    staff_notice = consultation_request.outbox_messages.get(kind=STAFF_NOTICE)
    assert outbox.deliver(staff_notice.pk) == "sent"

    assert outbox.deliver(staff_notice.pk) is None
    call_command("send_outbox", "--now", stdout=StringIO())

    assert [message.to for message in mail.outbox].count(
        consultation_page.notification_recipients
    ) == 1


def test_retries_stop_after_the_maximum_attempts_and_show_as_failed(
    consultation_page, settings, admin_client
):
    settings.CLINIC_OUTBOX_MAX_ATTEMPTS = 2
    consultation_request = request_with_messages(consultation_page)

    with SMTP_DOWN:
        for _attempt in range(3):
            call_command("send_pending_consultation_notifications", "--now", stdout=StringIO())

    assert set(statuses(consultation_request).values()) == {"failed"}
    assert set(consultation_request.outbox_messages.values_list("attempts", flat=True)) == {2}
    listing = admin_client.get(
        reverse("consultationrequest:index"), {"notification_status": "failed"}
    )
    assert "Failed (gave up)" in listing.content.decode()
    dashboard = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "1 request whose e-mails could not be sent" in dashboard


def test_no_confirmation_when_the_page_turns_it_off(consultation_page):
    consultation_page.send_confirmation = False
    consultation_page.save()

    consultation_request = request_with_messages(consultation_page)

    assert list(statuses(consultation_request)) == [STAFF_NOTICE]
    call_command("send_outbox", stdout=StringIO())
    assert [message.to for message in mail.outbox] == [consultation_page.notification_recipients]


def test_a_worker_that_died_mid_send_leaves_the_message_for_a_later_attempt(
    consultation_page, settings
):
    consultation_request = request_with_messages(consultation_page)
    # Claimed by a worker that never finished, longer ago than the claim lasts.
    consultation_request.outbox_messages.update(
        status="sending", attempts=1, claimed_until=timezone.now() - datetime.timedelta(seconds=1)
    )

    call_command("send_outbox", stdout=StringIO())

    assert set(statuses(consultation_request).values()) == {"sent"}
    assert len(mail.outbox) == 2


class SlowSMTP(EmailBackend):
    """An SMTP server that takes its time: `during_send` runs while a message is in flight."""

    during_send = None

    def send_messages(self, messages):
        if SlowSMTP.during_send:
            action, SlowSMTP.during_send = SlowSMTP.during_send, None
            action()
        return super().send_messages(messages)


def test_a_front_desk_edit_and_a_retry_during_a_slow_send_send_nothing_twice(
    client, consultation_page, settings
):
    settings.EMAIL_BACKEND = "tests.consultations.test_notifications.SlowSMTP"
    desk = get_user_model().objects.create_user("desk", password="pw")
    desk.groups.add(Group.objects.get(name="Front desk"))
    client.force_login(desk)
    consultation_request = request_with_messages(consultation_page)
    staff_notice = consultation_request.outbox_messages.get(kind=STAFF_NOTICE)

    def meanwhile():
        response = client.post(
            reverse("consultationrequest:inspect", args=[consultation_request.pk]),
            {"status": "contacted", "note": "Called back."},
        )
        assert response.status_code == 302
        # The operator's command and the worker's own retry, while the send is slow.
        call_command("send_pending_consultation_notifications", "--now", stdout=StringIO())
        assert outbox.deliver(staff_notice.pk) is None

    SlowSMTP.during_send = meanwhile
    outbox.deliver(staff_notice.pk)
    call_command("send_pending_consultation_notifications", "--now", stdout=StringIO())

    recipients = [tuple(message.to) for message in mail.outbox]
    assert sorted(recipients) == sorted(
        [tuple(consultation_page.notification_recipients), (consultation_request.email,)]
    )
    consultation_request.refresh_from_db()
    assert consultation_request.status == "contacted"
    assert set(statuses(consultation_request).values()) == {"sent"}


def test_deleting_a_request_deletes_its_unsent_e_mails(consultation_page):
    consultation_request = request_with_messages(consultation_page)

    consultation_request.delete()

    assert not OutboxMessage.objects.exists()
    call_command("send_outbox", "--now", stdout=StringIO())
    assert mail.outbox == []


def test_a_round_stops_at_a_mail_server_that_is_down_without_using_up_other_attempts(
    consultation_page,
):
    first = request_with_messages(consultation_page)
    second = request_with_messages(consultation_page)

    with mock.patch(
        "django.core.mail.backends.locmem.EmailBackend.send_messages",
        side_effect=ConnectionRefusedError(111, "Connection refused"),
    ):
        call_command("send_outbox", stdout=StringIO())

    attempts = sorted(
        OutboxMessage.objects.filter(object_id__in=[first.pk, second.pk]).values_list(
            "attempts", flat=True
        )
    )
    assert attempts == [0, 0, 0, 1]

    call_command("send_outbox", "--now", stdout=StringIO())
    assert len(mail.outbox) == 4
