"""
Every view, export, change and erasure of a request is in Wagtail's audit log,
naming the request by number only; the audit log report lists and filters them.
"""

import csv
import io

from django.urls import reverse

import pytest
from wagtail.models import ModelLogEntry

from tests.consultations.factories import ConsultationRequestFactory, make_user

pytestmark = pytest.mark.django_db

REPORT = reverse("consultations_audit_log")
PII = ("Jamie", "Quinlan", "jamie@example.com", "900123", "frown")


@pytest.fixture
def desk(client):
    user = make_user("desk", group="Front desk")
    client.force_login(user)
    return client


@pytest.fixture
def request_():
    return ConsultationRequestFactory(
        name="Jamie Quinlan",
        email="jamie@example.com",
        phone="07700 900123",
        message="Wondering about frown lines.",
    )


def entries(action):
    return list(ModelLogEntry.objects.filter(action=action).select_related("user"))


def assert_no_personal_data(entry):
    text = f"{entry.label} {entry.data} {entry.object_id}"
    assert not any(word in text for word in PII), text


def test_viewing_a_request_is_logged_with_who_and_which_but_not_what(desk, request_):
    desk.get(reverse("consultationrequest:inspect", args=[request_.pk]))
    html = desk.get(reverse("consultationrequest:inspect", args=[request_.pk])).content.decode()

    viewed = entries("consultations.viewed")
    assert len(viewed) == 2
    assert {(entry.user.username, entry.object_id) for entry in viewed} == {
        ("desk", str(request_.pk))
    }
    assert all(entry.label == f"Request {request_.reference}" for entry in viewed)
    for entry in viewed:
        assert_no_personal_data(entry)
    # The request's own history lists changes, not every look at it.
    assert "Details viewed" not in html and "No changes yet." in html


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_exporting_the_listing_logs_each_exported_request(desk, export_format):
    booked = ConsultationRequestFactory.create_batch(2, status="booked")
    ConsultationRequestFactory(status="new")

    response = desk.get(
        reverse("consultationrequest:index"), {"status": "booked", "export": export_format}
    )
    b"".join(response.streaming_content)

    exported = entries("consultations.exported")
    assert sorted(int(entry.object_id) for entry in exported) == sorted(r.pk for r in booked)
    assert {entry.user.username for entry in exported} == {"desk"}
    assert {entry.data["format"] for entry in exported} == {export_format}
    assert len({entry.uuid for entry in exported}) == 1  # one action


def test_changes_are_logged_without_the_notes_text(desk, request_):
    desk.post(
        reverse("consultationrequest:inspect", args=[request_.pk]),
        {"status": "contacted", "note": "Patient mentioned frown lines"},
    )

    changes = entries("consultations.status_change") + entries("consultations.note_added")
    assert len(changes) == 2
    for entry in changes:
        assert_no_personal_data(entry)


def test_the_report_is_for_superusers_and_staff_with_the_permission(client, desk, request_):
    auditor = make_user("auditor", permissions=["access_admin", "view_audit_log"])

    assert desk.get(REPORT).status_code == 403
    assert (
        "Consultation requests audit log"
        not in desk.get(reverse("wagtailadmin_home")).content.decode()
    )
    client.force_login(auditor)
    assert client.get(REPORT).status_code == 200
    assert (
        "Consultation requests audit log"
        in client.get(reverse("wagtailadmin_home")).content.decode()
    )


def test_the_report_lists_entries_with_filters_by_action_user_and_date(client, request_):
    other = ConsultationRequestFactory()
    viewer, editor = make_user("desk", group="Front desk"), make_user("desk2", group="Front desk")
    client.force_login(viewer)
    client.get(reverse("consultationrequest:inspect", args=[request_.pk]))
    client.force_login(editor)
    edit = reverse("consultationrequest:inspect", args=[other.pk])
    client.post(edit, {"status": "closed", "note": ""})
    client.force_login(make_user("auditor", permissions=["access_admin", "view_audit_log"]))

    everything = client.get(REPORT).content.decode()
    viewed = client.get(REPORT, {"action": "consultations.viewed"}).content.decode()
    by_viewer = client.get(REPORT, {"user": viewer.pk}).content.decode()
    by_editor = client.get(REPORT, {"user": editor.pk}).content.decode()
    future = client.get(REPORT, {"timestamp_from": "2999-01-01"}).content.decode()

    assert "Details viewed" in everything and "Status changed from New to Closed" in everything
    assert f"Request {request_.reference}" in viewed and f"Request {other.reference}" not in viewed
    assert "Details viewed" in by_viewer and "Status changed" not in by_viewer
    assert "Details viewed" not in by_editor and "Status changed" in by_editor
    assert "Details viewed" not in future and "No log entries found." in future
    for html in (everything, viewed):
        assert not any(word in html for word in PII)


def test_the_report_exports_with_action_labels(admin_client, request_):
    admin_client.get(reverse("consultationrequest:inspect", args=[request_.pk]))

    response = admin_client.get(REPORT, {"export": "csv"})

    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert {(row["Request"], row["Action"]) for row in rows} >= {
        (f"Request {request_.reference}", "View details")
    }
