"""Headless preview: the admin's preview hands the front end a short-lived token for the draft."""

from unittest import mock
from urllib.parse import parse_qs, urlsplit

from django.test import RequestFactory, override_settings

import pytest

pytestmark = pytest.mark.django_db

FRONTEND = "https://front.example.com"


def preview_token(page):
    request = RequestFactory().get("/admin/preview/")
    response = page.serve_preview(request, "")
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == f"{FRONTEND}/preview"
    query = parse_qs(location.query)
    assert query["type"] == ["clinic_site.HomePage"]
    return query["token"][0]


@override_settings(CLINIC_HEADLESS_FRONTEND_URL=FRONTEND)
def test_front_end_fetches_the_unsaved_draft_with_the_token(client, home_page):
    home_page.title = "Draft title not yet saved"
    home_page.intro = "A new introduction"

    token = preview_token(home_page)
    response = client.get("/api/v3/preview/", {"token": token})

    assert response.status_code == 200
    data = response.json()
    assert data["title"] == "Draft title not yet saved"
    assert data["intro"] == "A new introduction"
    assert data["meta"]["type"] == "clinic_site.HomePage"
    # The live page is unchanged.
    assert client.get(f"/api/v3/pages/{home_page.pk}/").json()["title"] == "Riverside Skin Clinic"


@override_settings(CLINIC_HEADLESS_FRONTEND_URL=FRONTEND, CLINIC_HEADLESS_PREVIEW_TTL=300)
def test_preview_token_expires(client, home_page):
    import time

    token = preview_token(home_page)
    later = time.time() + 301

    with mock.patch("time.time", return_value=later):
        response = client.get("/api/v3/preview/", {"token": token})

    assert response.status_code == 404
    assert "expired" in response.json()["detail"]


@override_settings(CLINIC_HEADLESS_FRONTEND_URL=FRONTEND)
def test_a_forged_token_is_refused(client, home_page):
    token = preview_token(home_page)
    preview_id, _, rest = token.partition(":")

    response = client.get("/api/v3/preview/", {"token": f"{int(preview_id) + 1}:{rest}"})

    assert response.status_code == 404


def test_without_a_front_end_the_preview_renders_here(home_page):
    request = RequestFactory().get("/admin/preview/")
    request.user = mock.Mock(is_authenticated=True)

    response = home_page.serve_preview(request, "")

    assert response.status_code == 200
