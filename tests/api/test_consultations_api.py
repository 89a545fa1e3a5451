"""Consultation requests by JSON: the form described, requests stored, nothing read back."""

import json

from django.core import mail
from django.test import override_settings

import pytest

from consultations.models import ConsultationFormField, ConsultationRequest
from tests.consultations.factories import form_token, make_consultation_page, valid_data

pytestmark = pytest.mark.django_db

URL = "/api/v3/consultations/"


@pytest.fixture
def page(clinic_settings):
    page = make_consultation_page(clinic_settings.site.root_page)
    ConsultationFormField.objects.create(
        page=page, label="Area to treat", field_type="singleline", required=True
    )
    return page


def payload(**overrides):
    data = valid_data(**overrides)
    data["consent"] = data.get("consent") == "on"
    data.setdefault("extra", {"area_to_treat": "Forehead"})
    return data


def post(client, data, **headers):
    return client.post(URL, data, content_type="application/json", **headers)


def test_form_describes_fields_choices_consent_and_a_token(client, page):
    data = client.get(f"{URL}form/").json()

    fields = {field["name"]: field for field in data["fields"]}
    assert fields["name"]["required"] is True
    assert fields["email"]["type"] == "email"
    assert fields["phone"]["type"] == "tel"
    assert fields["preferred_days"]["type"] == "checkboxes"
    assert {"value": "not-sure", "label": "Not sure yet"} in fields["treatment"]["choices"]
    assert fields["area_to_treat"]["extra"] is True
    assert data["consent"]["text"] == page.consent_text
    assert data["consent"]["version"] == page.consent_version
    assert data["form_token"]
    assert data["page"] == page.pk


def test_a_valid_request_is_stored_staff_notified_and_answered_with_a_reference(
    client, page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, payload())

    assert response.status_code == 201
    stored = ConsultationRequest.objects.get()
    assert stored.name == "Jamie Quinlan"
    assert stored.extra_answers["area_to_treat"]["value"] == "Forehead"
    assert stored.status != ConsultationRequest.Status.SPAM
    reference = response.json()["reference"]
    assert str(stored.pk) != reference and str(stored.public_id) not in reference
    assert "Jamie" not in response.content.decode()
    staff = [m for m in mail.outbox if "desk@riverside.example" in m.to]
    assert staff and "Jamie" not in staff[0].body and "jamie@example.com" not in staff[0].body


def test_bad_input_gets_messages_per_field(client, page):
    response = post(
        client,
        payload(name="", email="not-an-email", consent="", extra={"area_to_treat": ""}),
    )

    assert response.status_code == 422
    errors = response.json()["errors"]
    assert errors["name"] == ["Enter your name."]
    assert "email" in errors and "consent" in errors
    assert "extra.area_to_treat" in errors
    assert not ConsultationRequest.objects.exists()


def test_wrongly_typed_json_also_gets_messages_per_field(client, page):
    response = post(client, {"name": ["a"], "consent": "maybe"})

    assert response.status_code == 422
    assert set(response.json()["errors"]) >= {"name", "consent"}


def test_a_filled_honeypot_looks_accepted_but_stores_nothing(client, page):
    response = post(client, payload(website="https://spam.example"))

    assert response.status_code == 201
    assert not ConsultationRequest.objects.exists()


def test_a_request_sent_too_fast_or_without_a_token_is_kept_as_spam(client, page):
    assert post(client, payload(form_token=form_token(seconds_ago=0))).status_code == 201
    assert post(client, payload(form_token="", email="b@example.com")).status_code == 201

    assert set(ConsultationRequest.objects.values_list("status", flat=True)) == {"spam"}
    assert not mail.outbox


@override_settings(CONSULTATIONS_RATE_LIMIT_PER_IP=1)
def test_over_the_rate_limit_is_429(client, page):
    assert post(client, payload()).status_code == 201
    response = post(client, payload(email="other@example.com", name="Other"))

    assert response.status_code == 429
    assert response.json()["errors"]["__all__"]


def test_the_same_idempotency_key_gives_the_same_result_and_one_request(client, page):
    first = post(client, payload(form_token=""), HTTP_IDEMPOTENCY_KEY="abc-123")
    again = post(client, payload(form_token=""), HTTP_IDEMPOTENCY_KEY="abc-123")

    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    assert ConsultationRequest.objects.count() == 1


def test_nothing_stored_can_be_read_through_any_api(client, page):
    post(client, payload())
    stored = ConsultationRequest.objects.get()

    assert client.get(URL).status_code in (404, 405)
    assert client.get(f"{URL}{stored.pk}/").status_code in (404, 405)
    for url in ("/api/v3/pages/", f"/api/v3/pages/{page.pk}/", f"/api/v2/pages/{page.pk}/"):
        text = client.get(url).content.decode()
        assert "jamie@example.com" not in text and "desk@riverside.example" not in text
    assert not hasattr(ConsultationRequest, "api_fields")
    paths = client.get("/api/v3/openapi.json").json()["paths"]
    assert list(paths[URL]) == ["post"]


def test_the_consultation_page_exposes_its_public_texts_only(client, page):
    data = client.get(f"/api/v3/pages/{page.pk}/").json()

    assert data["consent_text"] == page.consent_text
    assert data["thank_you_message"] == "<p>We will call you within a day.</p>"
    assert "notify_emails" not in data and "confirmation_text" not in data


@override_settings(CORS_ALLOWED_ORIGINS=["https://front.example.com"])
def test_cors_preflight_allows_the_front_end_to_post(client, page):
    response = client.options(
        URL,
        HTTP_ORIGIN="https://front.example.com",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="content-type, idempotency-key",
    )

    assert response["Access-Control-Allow-Origin"] == "https://front.example.com"
    assert "idempotency-key" in response["Access-Control-Allow-Headers"]


@pytest.mark.parametrize(
    "content_type",
    ["text/plain", "application/x-www-form-urlencoded", "", "application/json; charset=latin-1"],
)
def test_a_body_that_is_not_json_is_refused_with_415_and_stores_nothing(client, page, content_type):
    body = json.dumps(payload())

    response = client.generic("POST", URL, body, content_type=content_type)

    assert response.status_code == 415
    assert response.json()["errors"]["__all__"] == [
        "Send the request as JSON, with the header Content-Type: application/json."
    ]
    assert not ConsultationRequest.objects.exists()


def test_json_with_a_utf8_charset_is_accepted(client, page):
    response = client.post(
        URL, payload(name="Zoë Ní Bhriain"), content_type="application/json; charset=UTF-8"
    )

    assert response.status_code == 201
    assert ConsultationRequest.objects.get().name == "Zoë Ní Bhriain"


def test_another_sites_page_cannot_post_even_as_json(client, page):
    response = post(client, payload(), HTTP_ORIGIN="https://evil.example")

    assert response.status_code == 403
    assert response.json()["errors"]["__all__"] == ["Requests from this web site are not accepted."]
    assert not ConsultationRequest.objects.exists()


def test_a_cross_site_text_plain_post_is_refused(client, page):
    """What a form on another site can send without a CORS preflight."""
    response = client.generic(
        "POST",
        URL,
        json.dumps(payload()),
        content_type="text/plain",
        HTTP_ORIGIN="https://evil.example",
    )

    assert response.status_code == 415
    assert not ConsultationRequest.objects.exists()


@override_settings(CORS_ALLOWED_ORIGINS=["https://front.example.com"])
@pytest.mark.parametrize("origin", ["http://testserver", "https://front.example.com"])
def test_the_site_itself_and_configured_front_ends_may_post(client, page, origin):
    response = post(client, payload(), HTTP_ORIGIN=origin)

    assert response.status_code == 201
    assert ConsultationRequest.objects.count() == 1


def test_the_same_idempotency_key_with_a_different_request_is_422(client, page):
    first = post(client, payload(), HTTP_IDEMPOTENCY_KEY="key-1")
    changed = post(
        client, payload(message="Something else entirely."), HTTP_IDEMPOTENCY_KEY="key-1"
    )

    assert first.status_code == 201
    assert changed.status_code == 422
    assert "already used for a different request" in changed.json()["errors"]["__all__"][0]
    assert ConsultationRequest.objects.get().message == "Wondering about options for frown lines."


def test_the_same_idempotency_key_and_body_gives_the_first_answer_even_with_a_new_token(
    client, page
):
    first = post(client, payload(), HTTP_IDEMPOTENCY_KEY="key-2")
    again = post(client, payload(form_token=form_token()), HTTP_IDEMPOTENCY_KEY="key-2")

    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    assert ConsultationRequest.objects.count() == 1


def test_an_expired_form_token_is_422_with_a_fresh_token_that_works(client, page):
    expired = post(client, payload(form_token=form_token(seconds_ago=2 * 24 * 60 * 60)))

    assert expired.status_code == 422
    body = expired.json()
    assert "more than a day" in body["errors"]["form_token"][0]
    assert not ConsultationRequest.objects.exists()

    again = post(client, payload(form_token=body["form_token"]))
    assert again.status_code == 201
    assert ConsultationRequest.objects.get().status == "new"


def test_a_form_token_reused_for_another_patient_is_422(client, page):
    token = form_token()
    assert post(client, payload(form_token=token)).status_code == 201

    other = post(
        client,
        payload(form_token=token, name="Ana", email="ana@example.com", phone="07700 900999"),
    )

    assert other.status_code == 422
    assert other.json()["form_token"]
    assert ConsultationRequest.objects.count() == 1
