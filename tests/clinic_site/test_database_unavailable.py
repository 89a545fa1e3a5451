"""The database is down: patients get a 503 page with the clinic's phone, API clients JSON."""

from django.contrib.auth import get_user_model
from django.test import Client, override_settings

import pytest

from tests.clinic_site.helpers import database_down

pytestmark = pytest.mark.django_db

PHONE_LINK = 'href="tel:+441614960000"'


def assert_unavailable_page(response):
    html = response.content.decode()
    assert response.status_code == 503
    assert response["Content-Type"].startswith("text/html")
    assert int(response["Retry-After"]) > 0
    assert "no-store" in response["Cache-Control"]
    assert "The site is unavailable for a moment" in html
    assert 'class="site-header"' in html and "clinic_site/css/site.css" in html
    assert "Traceback" not in html
    return html


def test_a_page_answers_503_with_the_clinics_phone_number(client, clinic_settings):
    with database_down():
        response = client.get("/")

    html = assert_unavailable_page(response)
    assert PHONE_LINK in html and "+44 161 496 0000" in html
    assert "Riverside Skin Clinic" in html
    assert "has not been saved" not in html


def test_the_phone_number_shown_is_the_one_last_saved(client, clinic_settings):
    clinic_settings.phone = "0161 496 0999"
    clinic_settings.save()

    with database_down():
        html = client.get("/").content.decode()

    assert 'href="tel:01614960999"' in html
    assert "+44 161 496 0000" not in html


@override_settings(CLINIC_FALLBACK_PHONE="0800 000 1234")
def test_without_a_saved_copy_the_fallback_phone_is_shown(client, clinic_settings):
    from django.core.cache import cache

    cache.clear()  # as after a restart with a per-process cache

    with database_down():
        response = client.get("/")

    assert 'href="tel:08000001234"' in assert_unavailable_page(response)


def test_the_api_answers_json_never_html(client, clinic_settings):
    with database_down():
        response = client.get("/api/v2/pages/")

    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert int(response["Retry-After"]) > 0
    (message,) = response.json()["errors"]["__all__"]
    assert "+44 161 496 0000" in message
    assert "Nothing was saved" not in message


def test_a_failing_middleware_also_gets_the_503_page(clinic_settings):
    """The redirects middleware looks up a missing page's address after the view has answered."""
    client = Client(raise_request_exception=False)

    with database_down(table="wagtailredirects_redirect"):
        response = client.get("/no-such-page/")

    assert PHONE_LINK in assert_unavailable_page(response)


def test_a_signed_in_admin_whose_session_cannot_be_read_gets_the_503_page(clinic_settings):
    client = Client()
    client.force_login(get_user_model().objects.create_superuser("owner", "o@example.com", "pw"))

    with database_down():
        response = client.get("/admin/")

    assert PHONE_LINK in assert_unavailable_page(response)
