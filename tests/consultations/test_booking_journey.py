"""
From a link to a stored request: preselected answers, contact checks in one
pass, the clinic location, the reference and the thank-you summary.
"""

import re

from django.core import mail
from django.test import override_settings

import pytest

from clinic_site.models import HomePage, LocationIndexPage, LocationPage
from consultations.models import ConsultationRequest
from consultations.references import ALPHABET, normalise
from tests.clinic_site.factories import make_page
from tests.consultations.factories import (
    ConsultationRequestFactory,
    make_consultation_page,
    valid_data,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("treatments_are_home_pages"),
]


@pytest.fixture
def treatments_are_home_pages(settings):
    # Any page model stands in for treatments, so the tests need no other app.
    settings.CONSULTATIONS_TREATMENT_PAGE_MODEL = "clinic_site.HomePage"
    settings.CONSULTATIONS_MIN_FILL_SECONDS = 0


@pytest.fixture
def site(clinic_settings):
    home = clinic_settings.site.root_page
    peel = make_page(home, model=HomePage, title="Chemical peel", slug="peel")
    page = make_consultation_page(home)
    return {"home": home, "peel": peel, "page": page}


def add_locations(home, *names):
    index = make_page(home, model=LocationIndexPage, title="Locations", slug="locations")
    return [
        make_page(
            index,
            model=LocationPage,
            title=name,
            slug=name.lower().replace(" ", "-"),
            street_address="4 Mill Lane",
            address_locality="Manchester",
            postal_code="M1 1AA",
        )
        for name in names
    ]


def checked_values(html, name):
    """The values of the inputs named `name` that are checked or selected."""
    tags = re.findall(rf'<input type="radio" name="{name}" value="[^"]*"[^>]*>', html)
    return [re.search(r'value="([^"]*)"', tag)[1] for tag in tags if " checked" in tag]


# Preselection from the link ---------------------------------------------------


@pytest.mark.parametrize("wanted", ["peel", "id"])
def test_a_link_preselects_the_treatment_by_slug_or_id_and_the_consultation_type(
    client, site, wanted
):
    peel = site["peel"]
    value = str(peel.pk) if wanted == "id" else "peel"

    html = client.get(f"{site['page'].url}?treatment={value}&type=virtual").content.decode()

    assert f'<option value="{peel.pk}" selected>Chemical peel</option>' in html
    assert checked_values(html, "consultation_type") == ["virtual"]


@pytest.mark.parametrize(
    "query",
    ["treatment=laser&type=teleport", "treatment=%00%ff&type=", "treatment[]=1&type=in_person2"],
)
def test_unknown_preselection_values_are_ignored(client, site, query):
    response = client.get(f"{site['page'].url}?{query}")

    html = response.content.decode()
    assert response.status_code == 200
    select = html.split('name="treatment"', 1)[1].split("</select>", 1)[0]
    assert re.findall(r'<option value="([^"]*)" selected', select) == [""]
    assert checked_values(html, "consultation_type") == []
    assert "error-summary" not in html


# Contact rules: stated, marked and checked in one pass ----------------------------


def test_the_form_states_that_an_email_or_a_phone_number_is_needed(client, site):
    html = client.get(site["page"].url).content.decode()

    assert html.count("Give an e-mail address or a phone number (or both).") >= 2
    for field in ("id_email", "id_phone"):
        label = re.search(rf'<label for="{field}"[^>]*>(.*?)</label>', html, re.S)[1]
        assert "(e-mail or phone required)" in label


def test_a_text_message_without_any_number_is_refused_at_the_first_send_on_its_field(client, site):
    response = client.post(
        site["page"].url,
        valid_data(email="not an address", phone="", preferred_contact="text", name=""),
    )

    html = response.content.decode()
    summary = html.split('class="error-summary"', 1)[1].split("</div>", 1)[0]
    assert '<a href="#id_phone">You asked us to send a text message: enter your mobile' in summary
    assert '<a href="#id_email">Enter an e-mail address like' in summary
    assert '<a href="#id_name">Enter your name.' in summary
    assert not ConsultationRequest.objects.exists()


def test_the_json_api_reports_the_same_contact_errors_on_their_fields(client, site):
    data = valid_data(email="", phone="", preferred_contact="phone", page=site["page"].pk)
    data["consent"] = True

    response = client.post("/api/v3/consultations/", data, content_type="application/json")

    errors = response.json()["errors"]
    assert response.status_code == 422
    assert errors["phone"] == ["You asked us to call you: enter your phone number."]
    assert "email" not in errors


def test_without_a_contact_method_both_fields_say_what_is_missing(client, site):
    response = client.post(site["page"].url, valid_data(email="", phone="", preferred_contact=""))

    html = response.content.decode()
    for field in ("email", "phone"):
        errors = html.split(f'id="id_{field}_error"', 1)[1].split("</ul>", 1)[0]
        assert "Give an e-mail address or a phone number (or both)." in errors


def test_the_error_summary_takes_focus_and_comes_before_the_emergency_notice(client, site):
    html = client.post(site["page"].url, valid_data(name="")).content.decode()

    summary = re.search(r'<div class="error-summary"[^>]*>', html)[0]
    assert 'tabindex="-1"' in summary and "autofocus" in summary
    assert html.index("error-summary") < html.index("Not for emergencies")
    assert "<script>" not in html


# Reference and thank-you -------------------------------------------------------


def test_each_request_gets_a_distinct_readable_reference(site):
    references = {ConsultationRequestFactory().reference for _ in range(20)}

    assert len(references) == 20
    for reference in references:
        assert len(reference) == 8 and set(reference) <= set(ALPHABET)
        assert not set(reference) & set("01ILO")


def test_staff_find_a_request_by_the_reference_the_patient_reads_out(site):
    wanted, other = ConsultationRequestFactory(), ConsultationRequestFactory()
    spoken = f"#{wanted.reference[:4].lower()}-{wanted.reference[4:]}"

    assert normalise(spoken) == wanted.reference
    assert list(ConsultationRequest.objects.search(spoken)) == [wanted]
    assert other not in ConsultationRequest.objects.search(wanted.reference)


def test_the_thank_you_page_shows_the_reference_and_what_was_asked_for_but_no_details(
    client, site, django_capture_on_commit_callbacks
):
    page = site["page"]
    data = valid_data(
        treatment=str(site["peel"].pk), message="My private worry", preferred_contact="text"
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page.url, data)

    stored = ConsultationRequest.objects.get()
    location = response["Location"]
    assert "?" not in location
    for private in (stored.reference.lower(), f"/{stored.pk}/", "peel", "jamie", "07700"):
        assert private not in location.lower()
    html = client.get(location).content.decode()
    assert stored.reference in html
    for shown in ("Chemical peel", "Virtual (video or phone)", "Morning (9:00", "Text message"):
        assert shown in html
    for private in ("Jamie", "jamie@example.com", "07700", "My private worry"):
        assert private not in html
    assert "no-store" in client.get(location)["Cache-Control"]

    # Someone else with the address sees the thanks, not the summary.
    other = client_class_from(client)
    stranger = other.get(location).content.decode()
    assert "Thank you, we have your request" in stranger
    assert stored.reference not in stranger and "Chemical peel" not in stranger


def client_class_from(client):
    return type(client)()


def test_the_page_and_the_confirmation_email_say_the_same_about_what_happens_next(
    client, site, django_capture_on_commit_callbacks
):
    page = site["page"]
    page.what_happens_next = "We ring you back within two working days, from 9:00."
    page.save_revision().publish()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page.url, valid_data())

    html = client.get(response["Location"]).content.decode()
    patient = next(m for m in mail.outbox if m.to == ["jamie@example.com"])
    assert "We ring you back within two working days, from 9:00." in html
    assert "We ring you back within two working days, from 9:00." in patient.body
    assert ConsultationRequest.objects.get().reference in patient.body
    assert "contact you soon" not in patient.body


# Clinic location ----------------------------------------------------------------


def test_which_clinic_is_asked_and_stored_for_in_person_only(
    client, site, django_capture_on_commit_callbacks
):
    mill, quay = add_locations(site["home"], "Mill Lane", "Salford Quay")
    page = site["page"]

    html = client.get(page.url).content.decode()
    assert "Which clinic?" in html and "Only for a consultation in person" in html

    missing = client.post(page.url, valid_data(consultation_type="in_person"))
    assert "Choose the clinic you would like to come to." in missing.content.decode()
    assert not ConsultationRequest.objects.exists()

    virtual = client.post(page.url, valid_data(location=str(quay.pk), name="Virtual Vera"))
    assert virtual.status_code == 302
    assert ConsultationRequest.objects.get().location is None

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            page.url,
            valid_data(consultation_type="in_person", location=str(quay.pk), name="Ina Person"),
        )
    stored = ConsultationRequest.objects.get(location__isnull=False)
    assert (stored.location_id, stored.location_title) == (quay.pk, "Salford Quay")
    assert "Salford Quay" in client.get(response["Location"]).content.decode()
    staff = mail.outbox[-2] if mail.outbox[-1].to == ["jamie@example.com"] else mail.outbox[-1]
    assert "Salford Quay" in staff.body and "Ina" not in staff.body


def test_an_unknown_clinic_is_refused_on_its_field(client, site):
    add_locations(site["home"], "Mill Lane", "Salford Quay")

    response = client.post(
        site["page"].url, valid_data(consultation_type="in_person", location="999999")
    )

    assert response.status_code == 200
    assert '<a href="#id_location_0">Choose one of our clinics from the list.' in (
        response.content.decode()
    )


def test_with_one_location_it_is_not_asked_and_stored_for_in_person(client, site):
    (mill,) = add_locations(site["home"], "Mill Lane")

    html = client.get(site["page"].url).content.decode()
    client.post(site["page"].url, valid_data(consultation_type="in_person"))

    assert "Which clinic?" not in html
    assert ConsultationRequest.objects.get().location_id == mill.pk


@override_settings(CONSULTATIONS_MIN_FILL_SECONDS=0)
def test_a_link_from_a_location_preselects_it_and_in_person(client, site):
    mill, quay = add_locations(site["home"], "Mill Lane", "Salford Quay")

    html = client.get(f"{site['page'].url}?location=salford-quay").content.decode()

    assert checked_values(html, "location") == [str(quay.pk)]
    assert checked_values(html, "consultation_type") == ["in_person"]
