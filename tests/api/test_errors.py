"""The v3 API fails as JSON, and never shows a client what went wrong inside."""

import pytest

import consultations.api.v3.router
from tests.consultations.factories import make_consultation_page, valid_data

pytestmark = pytest.mark.django_db

URL = "/api/v3/consultations/"


@pytest.fixture
def page(clinic_settings):
    return make_consultation_page(clinic_settings.site.root_page)


def payload():
    data = valid_data()
    data["consent"] = True
    return data


def test_an_unexpected_error_is_a_generic_json_500(client, page, monkeypatch):
    def broken(page_id=None):
        raise RuntimeError("password=hunter2 at db.internal:5432")

    monkeypatch.setattr(consultations.api.v3.router, "consultation_page", broken)
    client.raise_request_exception = False

    response = client.post(URL, payload(), content_type="application/json")

    assert response.status_code == 500
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["detail"] == "Something went wrong on our side."
    assert "hunter2" not in response.content.decode()
    assert "db.internal" not in response.content.decode()


def test_invalid_input_still_gets_the_details_it_needs(client, page):
    response = client.get("/api/v3/pages/?limit=not-a-number")

    assert response.status_code == 422
    assert response.json()["errors"]
