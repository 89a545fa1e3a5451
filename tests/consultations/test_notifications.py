"""Notifications: sent after the commit, never with patient details, never losing a request."""

import datetime
import smtplib
from io import StringIO
from unittest import mock

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

import pytest

from consultations.models import ConsultationRequest
from consultations.notifications import deliver
from tests.consultations.factories import ConsultationRequestFactory, valid_data

pytestmark = pytest.mark.django_db

SMTP_DOWN = mock.patch(
    "django.core.mail.backends.locmem.EmailBackend.send_messages",
    side_effect=smtplib.SMTPServerDisconnected("Connection unexpectedly closed"),
)


def test_nothing_is_sent_before_the_request_is_committed(
    client, consultation_page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(consultation_page.url, valid_data())

    assert mail.outbox == []
    assert len(callbacks) == 1
    assert ConsultationRequest.objects.get().notification_status == "pending"


def test_smtp_failure_still_stores_the_request_and_leaves_it_pending_for_retry(
    client, consultation_page, django_capture_on_commit_callbacks
):
    with SMTP_DOWN, django_capture_on_commit_callbacks(execute=True):
        response = client.post(consultation_page.url, valid_data())

    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    stored = ConsultationRequest.objects.get()
    assert stored.notification_status == "failed"
    assert stored.notification_attempts == 1
    assert "SMTPServerDisconnected" in stored.notification_last_error
    assert stored.notification_next_attempt_at > timezone.now()
    assert stored.staff_notified_at is None


def test_retry_command_sends_unsent_notifications_once_due(consultation_page):
    failed = ConsultationRequestFactory(
        page=consultation_page,
        notification_status="failed",
        notification_attempts=1,
        notification_next_attempt_at=timezone.now() - datetime.timedelta(minutes=1),
    )
    waiting = ConsultationRequestFactory(
        page=consultation_page,
        notification_status="failed",
        notification_attempts=1,
        notification_next_attempt_at=timezone.now() + datetime.timedelta(hours=1),
    )
    out = StringIO()

    call_command("send_pending_consultation_notifications", stdout=out)

    failed.refresh_from_db()
    waiting.refresh_from_db()
    assert failed.notification_status == "sent"
    assert failed.notification_last_error == ""
    assert waiting.notification_status == "failed"
    assert "1 request(s) processed: 1 sent" in out.getvalue()
    assert len(mail.outbox) == 2  # staff notice and patient confirmation


def test_retry_does_not_send_the_staff_notice_twice(consultation_page):
    request = ConsultationRequestFactory(
        page=consultation_page,
        notification_status="failed",
        staff_notified_at=timezone.now(),
    )

    deliver(request.pk)

    assert [message.to for message in mail.outbox] == [[request.email]]


def test_retries_stop_after_the_maximum_attempts(consultation_page, settings):
    settings.CONSULTATIONS_NOTIFICATION_MAX_ATTEMPTS = 2
    ConsultationRequestFactory(
        page=consultation_page, notification_status="failed", notification_attempts=2
    )

    call_command("send_pending_consultation_notifications", "--now", stdout=StringIO())

    assert mail.outbox == []


def test_no_confirmation_when_the_page_turns_it_off(consultation_page):
    consultation_page.send_confirmation = False
    consultation_page.save()
    request = ConsultationRequestFactory(page=consultation_page, notification_status="pending")

    assert deliver(request.pk) == "sent"
    assert [message.to for message in mail.outbox] == [consultation_page.notification_recipients]
