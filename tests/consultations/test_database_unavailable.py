"""A patient sends a consultation request while the database is down: told so, given the phone."""

import pytest

from tests.clinic_site.helpers import database_down
from tests.consultations.factories import valid_data

pytestmark = pytest.mark.django_db


def test_the_form_says_nothing_was_saved_and_gives_the_clinics_phone(client, consultation_page):
    url = consultation_page.url

    with database_down():
        response = client.post(url, valid_data())

    html = response.content.decode()
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert "What you just sent has not been saved." in html
    assert 'href="tel:+441614960000"' in html
    assert "Jamie" not in html and "jamie@example.com" not in html


def test_the_json_api_answers_503_with_the_phone_in_its_error_shape(client, consultation_page):
    data = valid_data()
    data["consent"] = True

    with database_down():
        response = client.post("/api/v3/consultations/", data, content_type="application/json")

    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert int(response["Retry-After"]) > 0
    (message,) = response.json()["errors"]["__all__"]
    assert "Nothing was saved." in message
    assert "+44 161 496 0000" in message
