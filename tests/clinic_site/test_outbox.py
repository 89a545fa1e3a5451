"""
The outbox with the task queue production runs (RQ on the real Redis, a real
worker): SMTP down, then back, and every e-mail delivered exactly once with no
manual command.
"""

import os
import smtplib
import time
from io import StringIO
from unittest import mock

from django.core import mail
from django.core.management import call_command
from django.test import override_settings

import django_rq
import pytest
from django_tasks_rq import Job
from rq import SimpleWorker

import clinic_site.tasks  # noqa: F401 - defined with the usual backend, before RQ's is set
from consultations.models import ConsultationRequest
from tests.consultations.factories import make_consultation_page, valid_data

pytestmark = pytest.mark.django_db

REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
# Our own queue name, so concurrent test runs never take each other's jobs.
QUEUE = f"outbox-test-{os.getpid()}"

RQ_SETTINGS = override_settings(
    RQ_QUEUES={QUEUE: {"URL": REDIS_URL}},
    TASKS={"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": [QUEUE]}},
    CLINIC_OUTBOX_QUEUE=QUEUE,
    CLINIC_OUTBOX_RETRY_BASE_SECONDS=1,
)


@pytest.fixture
def page(clinic_settings):
    return make_consultation_page(clinic_settings.site.root_page)


@pytest.fixture
def rq_queue(page):
    """The outbox on RQ, from here on (the page is built before, with the usual queue)."""
    with RQ_SETTINGS:
        queue = django_rq.get_queue(QUEUE, job_class=Job)
        queue.empty()
        yield queue
        queue.empty()
        for registry in (queue.scheduled_job_registry, queue.failed_job_registry):
            for job_id in registry.get_job_ids():
                registry.remove(job_id, delete_job=True)


def run_worker(queue):
    """A real RQ worker in this process, in burst mode: it also moves due deferred jobs."""
    worker = SimpleWorker([queue], connection=queue.connection, job_class=Job)
    worker.work(burst=True, with_scheduler=True)


def test_smtp_down_then_back_every_e_mail_is_delivered_exactly_once_by_the_worker(
    client, page, rq_queue, django_capture_on_commit_callbacks
):
    smtp_down = mock.patch(
        "django.core.mail.backends.locmem.EmailBackend.send_messages",
        side_effect=smtplib.SMTPServerDisconnected("Connection unexpectedly closed"),
    )

    with smtp_down:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(page.url, valid_data())
        assert response.status_code == 302
        run_worker(rq_queue)  # first attempt fails; the worker defers a retry

    stored = ConsultationRequest.objects.get()
    assert set(stored.outbox_messages.values_list("status", "attempts")) == {("pending", 1)}
    assert rq_queue.scheduled_job_registry.count == 2
    assert mail.outbox == []

    # SMTP is back. Once the back-off has passed, the worker retries on its own.
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and len(mail.outbox) < 2:
        time.sleep(0.5)
        run_worker(rq_queue)

    assert sorted(message.to[0] for message in mail.outbox) == [
        "desk@riverside.example",
        "jamie@example.com",
    ]
    assert set(stored.outbox_messages.values_list("status", flat=True)) == {"sent"}

    # Nothing left to send twice.
    time.sleep(1.1)
    run_worker(rq_queue)
    assert len(mail.outbox) == 2


def test_a_retry_is_never_queued_to_run_before_its_message_is_due(
    client, page, rq_queue, django_capture_on_commit_callbacks
):
    # RQ keeps a deferred job's time in whole seconds; a job started before its message is
    # due finds nothing to send, and the retry would be lost.
    smtp_down = mock.patch(
        "django.core.mail.backends.locmem.EmailBackend.send_messages",
        side_effect=smtplib.SMTPServerDisconnected("Connection unexpectedly closed"),
    )
    with smtp_down:
        with django_capture_on_commit_callbacks(execute=True):
            client.post(page.url, valid_data())
        run_worker(rq_queue)

    registry = rq_queue.scheduled_job_registry
    runs_at = sorted(registry.get_scheduled_time(job_id) for job_id in registry.get_job_ids())
    stored = ConsultationRequest.objects.get()
    due_at = sorted(stored.outbox_messages.values_list("next_attempt_at", flat=True))
    assert len(runs_at) == len(due_at) == 2
    assert all(run >= due for run, due in zip(runs_at, due_at, strict=True)), (runs_at, due_at)


def test_a_message_whose_task_was_lost_is_sent_by_the_next_delivery(
    client, page, rq_queue, django_capture_on_commit_callbacks, settings
):
    settings.CLINIC_OUTBOX_OVERDUE_SECONDS = 0
    with django_capture_on_commit_callbacks(execute=True):
        client.post(page.url, valid_data())
    rq_queue.empty()  # the queue restarted without its data: these tasks are gone

    with django_capture_on_commit_callbacks(execute=True):
        client.post(page.url, valid_data(name="Ana Silva", email="ana@example.com"))
    run_worker(rq_queue)

    assert sorted(message.to[0] for message in mail.outbox) == [
        "ana@example.com",
        "desk@riverside.example",
        "desk@riverside.example",
        "jamie@example.com",
    ]


def test_the_outbox_loop_sends_what_is_due_without_the_task_queue(
    client, page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        client.post(page.url, valid_data())  # queued, but its task never runs

    call_command("send_outbox", "--every", "1", "--rounds", "2", stdout=StringIO())

    assert sorted(message.to[0] for message in mail.outbox) == [
        "desk@riverside.example",
        "jamie@example.com",
    ]
