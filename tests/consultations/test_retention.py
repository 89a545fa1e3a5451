"""Closed and spam requests are deleted after the retention period; open ones are kept."""

import datetime
import io

from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

import pytest
from wagtail.models import ModelLogEntry

from clinic_site.models import OutboxMessage
from consultations.checks import check_settings
from consultations.models import BlindIndexEntry, ConsultationRequest
from consultations.tasks import purge_expired_consultation_requests
from tests.consultations.factories import ConsultationRequestFactory

pytestmark = pytest.mark.django_db


def last_updated(days_ago, **fields):
    request = ConsultationRequestFactory(**fields)
    when = timezone.now() - datetime.timedelta(days=days_ago)
    # `updated_at` is set on every save; only an UPDATE can put it in the past.
    ConsultationRequest.objects.filter(pk=request.pk).update(updated_at=when)
    return request


@pytest.fixture
def requests():
    return {
        "old closed": last_updated(400, status="closed", name="Old Closed"),
        "old spam": last_updated(366, status="spam", name="Old Spam"),
        "recent closed": last_updated(300, status="closed", name="Recent Closed"),
        "old new": last_updated(900, status="new", name="Old New"),
        "old contacted": last_updated(900, status="contacted", name="Old Contacted"),
        "old booked": last_updated(900, status="booked", name="Old Booked"),
    }


def purge(*args):
    out = io.StringIO()
    call_command("purge_consultation_requests", *args, stdout=out)
    return out.getvalue()


def remaining():
    return set(ConsultationRequest.objects.values_list("name", flat=True))


def test_a_dry_run_prints_the_counts_and_deletes_nothing(requests):
    output = purge("--dry-run")

    assert "Would delete 2 consultation request(s)" in output
    assert "1 closed, 1 spam" in output
    assert "365 days" in output
    assert len(remaining()) == 6
    assert "Old Closed" not in output  # counts only, never who


def test_the_purge_deletes_expired_closed_and_spam_requests_and_keeps_open_ones(requests):
    OutboxMessage.objects.create(
        kind="consultations.staff_notice", subject=requests["old closed"], status="sent"
    )

    output = purge()

    assert "Deleted 2 consultation request(s)" in output
    assert remaining() == {"Recent Closed", "Old New", "Old Contacted", "Old Booked"}
    gone = [requests["old closed"].pk, requests["old spam"].pk]
    assert not BlindIndexEntry.objects.filter(request_id__in=gone).exists()
    assert not OutboxMessage.objects.filter(object_id__in=gone).exists()
    entries = ModelLogEntry.objects.filter(action="consultations.purged")
    assert sorted(int(entry.object_id) for entry in entries) == sorted(gone)
    assert {entry.label for entry in entries} == {
        f"Request {requests[key].reference}" for key in ("old closed", "old spam")
    }
    assert all(entry.data == {"retention_days": 365} for entry in entries)
    assert "Deleted 0 consultation request(s)" in purge()


@override_settings(CONSULTATIONS_RETENTION_DAYS=30)
def test_the_retention_period_is_a_setting(requests):
    purge()

    assert remaining() == {"Old New", "Old Contacted", "Old Booked"}


def test_a_scheduler_can_run_the_purge_as_a_task(requests):
    result = purge_expired_consultation_requests.enqueue()

    assert result.return_value == {"closed": 1, "spam": 1}
    assert "Old Closed" not in remaining() and "Old New" in remaining()


@pytest.mark.parametrize("value", [0, -1, "365", 1.5])
def test_a_retention_period_that_is_not_a_positive_whole_number_fails_the_check(value):
    with override_settings(CONSULTATIONS_RETENTION_DAYS=value):
        errors = check_settings()

    assert [error.id for error in errors] == ["consultations.E003"]
    assert "CONSULTATIONS_RETENTION_DAYS" in errors[0].msg and errors[0].hint
