"""
The front desk's side of patient authorizations: recording one, seeing what a
withdrawal will take down, withdrawing it in one click, and its history.
"""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

import pytest
from wagtail.models import ModelLogEntry

from clinic_site.models import PatientAuthorization
from clinic_site.models import Testimonial as PatientReview  # not a test class for pytest
from clinic_site.withdrawal import WITHDRAW_ACTION
from tests.treatments.factories import make_index, make_treatment

pytestmark = pytest.mark.django_db


def member(name, group):
    user = get_user_model().objects.create_user(name)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def front_desk(client):
    user = member("frontdesk", "Front desk")
    client.force_login(user)
    client.user = user
    return client


def test_recording_an_authorization_stores_who_recorded_it_and_makes_a_reference(front_desk):
    response = front_desk.post(
        "/admin/patient_authorizations/new/",
        {
            "patient_record": "RX-2041",
            "given_on": "2026-11-20",
            "covers_website": "on",
            "expires_on": "2027-11-19",
            "notes": "Form scanned to the patient file.",
        },
    )

    assert response.status_code == 302
    consent = PatientAuthorization.objects.get()
    assert consent.recorded_by == front_desk.user
    assert consent.reference.startswith("PA-") and len(consent.reference) == 9
    listing = front_desk.get("/admin/patient_authorizations/").content.decode()
    assert consent.reference in listing and "Valid" in listing


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"covers_website": "", "covers_social": ""}, "Tick at least one place"),
        ({"expires_on": "2026-01-01"}, "cannot be before the date it was given"),
    ],
)
def test_an_authorization_that_makes_no_sense_is_refused_with_a_clear_message(
    front_desk, fields, message
):
    data = {"given_on": "2026-11-20", "covers_website": "on", **fields}

    response = front_desk.post("/admin/patient_authorizations/new/", data)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not PatientAuthorization.objects.exists()


def test_the_front_desk_withdraws_in_one_click_after_seeing_what_goes(front_desk, home_page):
    treatment = make_treatment(make_index(home_page), title="Lip filler")
    consent = PatientAuthorization.objects.create(given_on=datetime.date(2026, 1, 5))
    PatientReview.objects.create(
        quote="Gentle.", shown_name="Jo", treatment=treatment, authorization=consent
    )
    url = f"/admin/patient_authorizations/withdraw/{consent.pk}/"

    confirm = front_desk.get(url).content.decode()
    assert "Patient review: Jo: Gentle." in confirm
    assert "Lip filler" in confirm  # the pages that will no longer show it

    response = front_desk.post(url, {"reason": "Patient phoned"}, follow=True)

    assert "withdrawn: 1 item(s) taken down" in response.content.decode()
    consent.refresh_from_db()
    assert consent.withdrawn_by == front_desk.user and consent.withdrawn_at is not None
    entry = ModelLogEntry.objects.get(action=WITHDRAW_ACTION)
    assert entry.user == front_desk.user and entry.data["reason"] == "Patient phoned"
    history = front_desk.get(f"/admin/patient_authorizations/history/{consent.pk}/")
    assert "Authorization withdrawn" in history.content.decode()
    edit = front_desk.get(f"/admin/patient_authorizations/edit/{consent.pk}/")
    assert edit.status_code == 302  # history now: looked at, never changed


def test_an_editor_cannot_withdraw_or_read_an_authorization(client, home_page):
    client.force_login(member("editor", "Marketing editor"))
    consent = PatientAuthorization.objects.create(patient_record="RX-9")

    response = client.post(f"/admin/patient_authorizations/withdraw/{consent.pk}/")

    assert response.status_code in (302, 403)
    consent.refresh_from_db()
    assert consent.withdrawn_at is None
    inspect = client.get(f"/admin/patient_authorizations/inspect/{consent.pk}/")
    assert "RX-9" not in inspect.content.decode()
