"""
A patient's access or erasure request: staff with the permission find every
request the patient sent, export it (JSON or CSV) or erase it, after confirming;
everybody else gets 403, and every export and erasure is in the audit log.
"""

import csv
import io
import json
import re

from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone

import pytest
from wagtail.models import ModelLogEntry

from consultations.models import ConsultationNote, ConsultationRequest
from tests.consultations.factories import ConsultationRequestFactory, make_user

pytestmark = pytest.mark.django_db

FIND = reverse("consultations_patient_data")
EXPORT = reverse("consultations_patient_data_export")
ERASE = reverse("consultations_patient_data_erase")


@pytest.fixture
def officer_client(client):
    """A practice manager given the permission (no group has it by default)."""
    user = make_user(
        "officer", group="Front desk", permissions=["manage_subject_rights"], first_name="Olu"
    )
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def patient_requests():
    jamie = ConsultationRequestFactory(
        name="Jamie Quinlan",
        email="jamie@example.com",
        phone="07700 900123",
        message="Wondering about frown lines.",
        extra_answers={"history": {"label": "Any migraines?", "value": "Since my teens"}},
        status="closed",
    )
    by_phone = ConsultationRequestFactory(
        name="J. Quinlan",
        email="",
        phone="+44 7700 900123",
        message="Calling about peels.",
        earlier_versions=[
            {
                "name": "J Quinlan",
                "email": "jq@example.com",
                "message": "=cmd|' /C calc'!A0",
                "received_at": "2026-01-05T10:00:00+00:00",
                "extra_answers": {"history": {"label": "Any migraines?", "value": "No"}},
            }
        ],
    )
    ConsultationNote.objects.create(request=by_phone, text="Prefers afternoons")
    other = ConsultationRequestFactory(name="Ruth Ellison", email="ruth@example.com")
    return {"jamie": jamie, "by_phone": by_phone, "other": other}


def find(client, **data):
    return client.post(FIND, data)


def test_no_group_has_the_permission_by_default():
    permission = Permission.objects.get(codename="manage_subject_rights")

    assert not Group.objects.filter(permissions=permission).exists()


@pytest.mark.parametrize("group", ["Front desk", "Editors"])
def test_staff_without_the_permission_get_403_and_see_no_menu(client, group, patient_requests):
    client.force_login(make_user("someone", group=group))
    pk = patient_requests["jamie"].pk

    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    responses = [
        client.get(FIND),
        client.post(FIND, {"email": "jamie@example.com"}),
        client.post(EXPORT, {"email": "jamie@example.com", "requests": [pk], "confirmed": "yes"}),
        client.post(ERASE, {"email": "jamie@example.com", "requests": [pk], "confirmed": "yes"}),
    ]

    assert "Patient data requests" not in dashboard
    assert [response.status_code for response in responses] == [403] * 4
    assert all(b"Jamie" not in response.content for response in responses)
    assert ConsultationRequest.objects.filter(pk=pk).exists()


def test_the_menu_and_page_are_there_for_staff_with_the_permission(officer_client):
    dashboard = officer_client.get(reverse("wagtailadmin_home")).content.decode()
    page = officer_client.get(FIND).content.decode()

    assert "Patient data requests" in dashboard
    assert '<label class="w-field__label" for="id_email" id="id_email-label">' in page
    assert '<label class="w-field__label" for="id_phone" id="id_phone-label">' in page
    assert "<h1" in page and "Find a patient's requests</h2>" in page
    email_input = re.search(r'<input[^>]*name="email"[^>]*>', page).group(0)
    assert "autofocus" in email_input
    # Patients' addresses are not kept in the staff browser's form history.
    assert 'autocomplete="off"' in email_input


def test_finding_by_e_mail_or_phone_lists_every_request_of_the_patient_and_no_other(
    officer_client, patient_requests
):
    by_email = find(officer_client, email="JAMIE@example.com").content.decode()
    by_phone = find(officer_client, phone="07700900123").content.decode()
    by_old_email = find(officer_client, email="jq@example.com").content.decode()
    nothing = find(officer_client, email="nobody@example.com").content.decode()

    assert "1 request found" in by_email and "Jamie Quinlan" in by_email
    assert "2 requests found" in by_phone
    assert "Jamie Quinlan" in by_phone and "J. Quinlan" in by_phone
    assert "1 request found" in by_old_email and "J. Quinlan" in by_old_email
    assert "Ruth Ellison" not in by_email + by_phone + by_old_email
    assert "No consultation request was sent with this e-mail address" in nothing


def test_a_lookup_without_an_address_or_number_says_what_is_missing(officer_client):
    html = find(officer_client, email="", phone="").content.decode()

    assert "Enter the patient&#x27;s e-mail address, phone number, or both." in html
    assert "requests found" not in html


def test_export_asks_for_confirmation_then_gives_everything_as_json(
    officer_client, patient_requests
):
    pks = [patient_requests["jamie"].pk, patient_requests["by_phone"].pk]
    chosen = {"phone": "07700 900123", "requests": pks}

    confirm = officer_client.post(EXPORT, chosen)
    assert confirm.status_code == 200
    assert "Export these 2 requests for the patient?" in confirm.content.decode()
    assert not ModelLogEntry.objects.filter(action="consultations.subject_exported").exists()

    response = officer_client.post(EXPORT, {**chosen, "confirmed": "yes", "format": "json"})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]
    assert "Quinlan" not in response["Content-Disposition"]
    data = json.loads(response.content)["consultation_requests"]
    by_name = {item["name"]: item for item in data}
    assert set(by_name) == {"Jamie Quinlan", "J. Quinlan"}
    assert by_name["Jamie Quinlan"]["email"] == "jamie@example.com"
    assert by_name["Jamie Quinlan"]["message"] == "Wondering about frown lines."
    assert by_name["Jamie Quinlan"]["extra_answers"]["history"]["value"] == "Since my teens"
    assert by_name["J. Quinlan"]["earlier_versions"][0]["email"] == "jq@example.com"
    assert [note["text"] for note in by_name["J. Quinlan"]["staff_notes"]] == ["Prefers afternoons"]
    entries = ModelLogEntry.objects.filter(action="consultations.subject_exported")
    assert sorted(int(entry.object_id) for entry in entries) == sorted(pks)
    assert {entry.user.username for entry in entries} == {"officer"}
    assert all("Quinlan" not in entry.label + json.dumps(entry.data) for entry in entries)


def test_export_as_csv_has_a_row_per_version_and_neutralised_formulas(
    officer_client, patient_requests
):
    pk = patient_requests["by_phone"].pk

    response = officer_client.post(
        EXPORT,
        {"phone": "07700 900123", "requests": [pk], "confirmed": "yes", "format": "csv"},
    )

    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["Version"] for row in rows] == ["Current", "Earlier version"]
    assert rows[0]["Name"] == "J. Quinlan" and rows[1]["Name"] == "J Quinlan"
    assert rows[1]["E-mail address"] == "jq@example.com"
    assert rows[1]["Message"] == "'=cmd|' /C calc'!A0"
    assert rows[1]["Any migraines?"] == "No"
    note = rows[0]["Staff notes"]
    assert note.startswith(timezone.localdate().isoformat())
    assert note.endswith(": Prefers afternoons")


def test_requests_of_someone_else_cannot_be_slipped_into_an_action(
    officer_client, patient_requests
):
    other = patient_requests["other"].pk
    jamie = patient_requests["jamie"].pk

    response = officer_client.post(
        ERASE, {"email": "jamie@example.com", "requests": [jamie, other], "confirmed": "yes"}
    )

    assert response.status_code == 200  # the list again, with the error
    assert "Select a valid choice" in response.content.decode()
    assert ConsultationRequest.objects.filter(pk__in=[jamie, other]).count() == 2


def test_choosing_no_request_brings_the_list_back_saying_so(officer_client, patient_requests):
    html = officer_client.post(EXPORT, {"email": "jamie@example.com"}).content.decode()

    assert "Choose at least one request." in html
    assert "1 request found" in html


def test_erasure_asks_for_confirmation_then_deletes_only_the_chosen_requests(
    officer_client, patient_requests
):
    pks = [patient_requests["jamie"].pk, patient_requests["by_phone"].pk]
    chosen = {"phone": "+44 7700 900123", "requests": pks}

    confirm = officer_client.post(ERASE, chosen).content.decode()
    assert "Erase these 2 requests permanently?" in confirm
    assert 'name="confirmed" value="yes"' in confirm
    assert ConsultationRequest.objects.count() == 3

    response = officer_client.post(ERASE, {**chosen, "confirmed": "yes"}, follow=True)

    assert response.redirect_chain[-1][0] == FIND
    assert "2 requests erased." in response.content.decode()
    assert list(ConsultationRequest.objects.values_list("name", flat=True)) == ["Ruth Ellison"]
    entries = ModelLogEntry.objects.filter(action="consultations.erased")
    assert sorted(int(entry.object_id) for entry in entries) == sorted(pks)
    assert {entry.user.username for entry in entries} == {"officer"}
    assert {entry.label for entry in entries} == {
        f"Request {patient_requests[key].reference}" for key in ("jamie", "by_phone")
    }
    assert (
        "No consultation request was sent"
        in find(officer_client, phone="07700 900123").content.decode()
    )


def test_going_back_from_a_confirmation_shows_the_list_again(officer_client, patient_requests):
    pk = patient_requests["jamie"].pk

    html = officer_client.post(
        FIND, {"email": "jamie@example.com", "requests": [pk], "confirmed": "yes"}
    ).content.decode()

    assert "1 request found" in html
    assert ConsultationRequest.objects.filter(pk=pk).exists()


def test_superusers_may_answer_patients_requests(admin_client, patient_requests):
    html = find(admin_client, email="jamie@example.com").content.decode()

    assert "1 request found" in html
