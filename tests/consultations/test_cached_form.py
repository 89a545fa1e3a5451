"""
The consultation form served from the shared page cache on a first visit: the
cached copy has no CSRF token and no form token; the visitor's browser fetches
both from the page's `form-tokens/` address (with their campaign and where they
came from), and the fill-time check counts from then. Without JavaScript the
form comes back with the patient's answers and fresh tokens. CSRF checks are on.
"""

import re

from django.test import Client

import pytest

from consultations.models import ConsultationRequest
from consultations.services import read_form_token
from tests.consultations.factories import valid_data

pytestmark = [pytest.mark.django_db, pytest.mark.redis]

HIDDEN = re.compile(r'<input type="hidden" name="(csrfmiddlewaretoken|form_token)" value="([^"]*)"')


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.CLINIC_PAGE_CACHE_TIMEOUT = 600
    settings.CLINIC_FRAGMENT_CACHE_TIMEOUT = 600
    settings.CONSULTATIONS_MIN_FILL_SECONDS = 0


@pytest.fixture
def browser():
    return Client(enforce_csrf_checks=True)


def tokens_of(html):
    return dict(HIDDEN.findall(html))


def test_the_form_page_is_served_from_the_cache_without_any_token(
    browser, consultation_page, django_assert_num_queries
):
    first = browser.get(consultation_page.url)
    with django_assert_num_queries(0):
        second = Client().get(consultation_page.url)

    assert first["X-Page-Cache"] == "miss" and second["X-Page-Cache"] == "hit"
    assert "csrftoken" not in first.cookies
    assert tokens_of(second.content.decode()) == {"csrfmiddlewaretoken": "", "form_token": ""}
    assert "public" in second["Cache-Control"]


def test_the_fetched_tokens_carry_the_campaign_and_where_the_patient_came_from(
    browser, consultation_page
):
    answer = browser.get(
        consultation_page.url + "form-tokens/",
        {"utm_source": "newsletter", "referrer": "http://testserver/treatments/botox/"},
    )

    values = answer.json()
    payload = read_form_token(values["form_token"])
    assert values["csrfmiddlewaretoken"]
    assert payload["u"] == {"utm_source": "newsletter"}
    assert payload["r"] == "/treatments/botox/"
    assert "no-store" in answer["Cache-Control"]
    other = Client().get(
        consultation_page.url + "form-tokens/", {"referrer": "https://else.example/x"}
    )
    assert "r" not in read_form_token(other.json()["form_token"])


def test_a_request_sent_with_the_fetched_tokens_is_stored_with_its_campaign(
    browser, consultation_page
):
    browser.get(consultation_page.url + "?utm_source=newsletter")
    values = browser.get(
        consultation_page.url + "form-tokens/", {"utm_source": "newsletter"}
    ).json()

    sent = browser.post(consultation_page.url, valid_data(**values))

    assert sent.status_code == 302
    stored = ConsultationRequest.objects.get()
    assert stored.utm_source == "newsletter"
    assert stored.status == "new"
    thanks = browser.get(sent["Location"])
    assert "X-Page-Cache" not in thanks and "no-store" in thanks["Cache-Control"]


def test_the_fill_time_counts_from_when_the_tokens_were_fetched(
    browser, consultation_page, settings
):
    settings.CONSULTATIONS_MIN_FILL_SECONDS = 3
    browser.get(consultation_page.url)
    values = browser.get(consultation_page.url + "form-tokens/").json()

    browser.post(consultation_page.url, valid_data(**values))

    assert ConsultationRequest.objects.get().status == "spam"


def test_without_javascript_the_form_comes_back_with_the_answers_and_fresh_tokens(
    browser, consultation_page
):
    browser.get(consultation_page.url)

    refused = browser.post(consultation_page.url, valid_data(form_token=""))

    html = refused.content.decode()
    assert refused.status_code == 403
    assert "For your security your request was not sent yet" in html
    assert 'value="Jamie Quinlan"' in html
    assert "+44 161 496 0000" in html
    assert not ConsultationRequest.objects.exists()
    fresh = tokens_of(html)
    assert fresh["csrfmiddlewaretoken"] and fresh["form_token"]

    again = browser.post(consultation_page.url, valid_data(**fresh))

    assert again.status_code == 302
    assert ConsultationRequest.objects.count() == 1
