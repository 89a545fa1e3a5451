"""
What the form asks before a patient sends it: the age confirmation when the
clinic sets one, a real choice in every required drop-down, and emergency
wording and phone examples for the clinic's country.
"""

from django.test import override_settings

import pytest

from consultations.models import ConsultationFormField, ConsultationRequest
from tests.consultations.factories import valid_data

pytestmark = pytest.mark.django_db


def post(client, page, **overrides):
    return client.post(page.url, valid_data(**overrides))


def test_no_age_question_by_default(client, consultation_page):
    html = client.get(consultation_page.url).content.decode()

    assert 'name="age_confirmed"' not in html
    assert post(client, consultation_page).status_code == 302
    assert ConsultationRequest.objects.get().confirmed_minimum_age is None


@override_settings(CONSULTATIONS_MINIMUM_AGE=18)
def test_a_minimum_age_must_be_confirmed_and_is_stored(client, consultation_page):
    html = client.get(consultation_page.url).content.decode()
    refused = post(client, consultation_page)

    assert "I am 18 or older." in html
    assert refused.status_code == 200
    assert "Tick the box to confirm you are 18 or older" in refused.content.decode()
    assert not ConsultationRequest.objects.exists()

    assert post(client, consultation_page, age_confirmed="on").status_code == 302
    assert ConsultationRequest.objects.get().confirmed_minimum_age == 18


def test_required_drop_downs_start_on_choose_and_refuse_no_choice(client, consultation_page):
    ConsultationFormField.objects.create(
        page=consultation_page,
        label="Which area?",
        field_type="dropdown",
        required=True,
        choices="Forehead\nCheeks",
    )

    html = client.get(consultation_page.url).content.decode()
    area = html.split('name="extra_which_area"', 1)[1].split("</select>", 1)[0]
    treatment = html.split('name="treatment"', 1)[1].split("</select>", 1)[0]
    refused = post(client, consultation_page, extra_which_area="", treatment="")

    assert area.index('value=""') < area.index("Forehead")
    assert '<option value="" selected>Choose…</option>' in area
    assert '<option value="" selected>Choose…</option>' in treatment
    assert refused.status_code == 200 and not ConsultationRequest.objects.exists()
    assert "Choose a treatment, or &#x27;Not sure yet&#x27;." in refused.content.decode()
    assert post(client, consultation_page, extra_which_area="Cheeks").status_code == 302


@pytest.mark.parametrize(
    ("country", "said", "not_said", "example"),
    [
        ("GB", ["call 999", "NHS 111"], ["911"], "07700 900123"),
        ("US", ["call 911", "emergency room"], ["999", "NHS"], "(201) 555-0123"),
        ("DE", ["call 112"], ["999", "NHS", "911"], "030 1234567"),
    ],
)
def test_emergency_wording_and_phone_example_follow_the_clinic_country(
    client, consultation_page, clinic_settings, country, said, not_said, example
):
    clinic_settings.country = country
    clinic_settings.save()

    html = client.get(consultation_page.url).content.decode()
    notice = html.split("consult-emergency", 1)[1].split("</aside>", 1)[0]

    assert all(words in notice for words in said)
    assert not any(words in notice for words in not_said)
    assert f"e.g. {example}" in html


def test_an_editors_own_emergency_wording_wins(client, consultation_page, clinic_settings):
    clinic_settings.country = "US"
    clinic_settings.save()
    consultation_page.custom_emergency_notice = "Call 911, or our nurse line after hours."
    consultation_page.save_revision().publish()

    html = client.get(consultation_page.url).content.decode()

    assert "Call 911, or our nurse line after hours." in html
    assert "emergency room" not in html


@pytest.mark.parametrize("value", [0, "18", 18.5, True, 200])
def test_a_minimum_age_that_is_not_an_age_fails_the_check(value):
    from consultations.checks import check_settings

    with override_settings(CONSULTATIONS_MINIMUM_AGE=value):
        errors = check_settings()

    assert [error.id for error in errors] == ["consultations.E010"]
    assert errors[0].hint
