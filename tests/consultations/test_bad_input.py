"""
Bad input at the consultation page: never a server error, nothing valid lost.

Regression tests for the cases that once answered 500 (a campaign link with a
NUL, a stray control character in an answer, an export of a request holding
one, a database error that logged the patient's words), then properties over
generated form posts and campaign links.
"""

import csv
import io
import logging
import re
from urllib.parse import urlencode

from django.db import DataError
from django.test import Client, override_settings
from django.urls import reverse

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from consultations.models import ConsultationFormField, ConsultationRequest
from consultations.services import UTM_FIELDS
from tests.clinic_site.factories import make_clinic_settings, make_home_page
from tests.consultations.factories import (
    ConsultationRequestFactory,
    form_token,
    make_consultation_page,
    valid_data,
)
from tests.strategies import (
    bounded,
    has_unsafe_characters,
    isolated,
    noise,
    query_values,
    text,
)
from tests.treatments.factories import make_index, make_treatment

pytestmark = pytest.mark.django_db

EXTRA_QUESTIONS = [
    ("Area to treat", "singleline", ""),
    ("When did it start", "date", ""),
    ("Anything else", "multiline", ""),
    ("How many sessions", "number", ""),
    ("Preferred clinic", "dropdown", "Manchester\nSalford"),
    ("Areas", "checkboxes", "Forehead\nEyes\nLips"),
    ("Send me news", "checkbox", ""),
]
TEXT_FIELDS = ["name", "email", "phone", "message"]


@pytest.fixture(scope="module")
def page(module_db):
    """The consultation page with a treatment on offer and one extra question of each kind."""
    home = make_home_page()
    make_clinic_settings()
    make_treatment(make_index(home))
    page = make_consultation_page(home)
    for label, field_type, choices in EXTRA_QUESTIONS:
        ConsultationFormField.objects.create(
            page=page, label=label, field_type=field_type, choices=choices, required=False
        )
    return page


@pytest.fixture
def client():
    """A browser: a server error shows as the 500 page, as it would to a patient."""
    return Client(raise_request_exception=False)


def token_from(response):
    return re.search(r'name="form_token" value="([^"]+)"', response.content.decode()).group(1)


def stored_text(request):
    """Every text the request stored, the campaign and the extra answers included."""
    values = [
        request.name,
        request.email,
        request.phone,
        request.message,
        request.referrer_path,
        *(getattr(request, key) for key in UTM_FIELDS),
    ]
    for answer in request.extra_answers.values():
        value = answer["value"]
        values.extend(value if isinstance(value, list) else [str(value)])
    return values


# Regressions ---------------------------------------------------------------


@override_settings(CONSULTATIONS_MIN_FILL_SECONDS=0)
def test_a_campaign_link_with_a_nul_still_stores_the_request_with_the_campaign_cleaned(
    client, page
):
    shown = client.get(page.url + "?utm_source=a%00b&utm_campaign=spring%1Bsale")
    response = client.post(page.url, valid_data(form_token=token_from(shown)))

    assert response.status_code == 302
    stored = ConsultationRequest.objects.get()
    assert (stored.utm_source, stored.utm_campaign) == ("ab", "springsale")
    assert stored.name == "Jamie Quinlan"


def test_control_characters_are_removed_from_answers_and_line_breaks_kept(client, page):
    response = client.post(
        page.url,
        valid_data(
            name="Jamie\x00 Quinlan\x1b",
            email="jamie\x00@example.com",
            message="First line\r\nSecond\tline\x07",
            extra_area_to_treat="Fore\x00head",
            extra_anything_else="One\x1b\r\nTwo",
        ),
    )

    assert response.status_code == 302
    stored = ConsultationRequest.objects.get()
    assert stored.name == "Jamie Quinlan"
    assert stored.email == "jamie@example.com"
    assert stored.message == "First line\nSecond\tline"
    assert stored.extra_answers["area_to_treat"]["value"] == "Forehead"
    assert stored.extra_answers["anything_else"]["value"] == "One\nTwo"


def test_an_answer_of_control_characters_only_is_explained_and_the_others_kept(client, page):
    response = client.post(
        page.url,
        valid_data(
            name="\x00\x1b", email="keep.me@example.com", extra_when_did_it_start="13/45\x00"
        ),
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert not ConsultationRequest.objects.exists()
    assert '<a href="#id_name">Enter your name.' in html
    assert 'id="id_extra_when_did_it_start_error"' in html
    assert 'value="keep.me@example.com"' in html
    assert "Wondering about options for frown lines." in html


def test_a_referrer_that_is_not_a_url_does_not_stop_the_form(client, page):
    response = client.get(page.url, HTTP_REFERER="http://[not-an-address/x")

    assert response.status_code == 200
    assert 'name="form_token"' in response.content.decode()


def export(client, export_format):
    response = client.get(reverse("consultationrequest:index"), {"export": export_format})
    assert response.status_code == 200
    return b"".join(response.streaming_content)


@pytest.fixture
def front_desk(admin_user):
    client = Client(raise_request_exception=False)
    client.force_login(admin_user)
    return client


def test_the_excel_export_holds_a_request_whose_name_has_an_escape_character(front_desk):
    ConsultationRequestFactory(name="Jamie\x1b Quinlan", utm_source="news\x07letter")

    sheet = openpyxl.load_workbook(io.BytesIO(export(front_desk, "xlsx"))).active
    rows = list(sheet.values)
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Name"] == "Jamie Quinlan"
    assert row["Campaign source"] == "newsletter"


def test_the_csv_export_strips_control_characters_and_still_neutralises_formulas(front_desk):
    ConsultationRequestFactory(name="\x1b=HYPERLINK(1)", phone="\x1f+44 7700 900111")

    rows = list(csv.DictReader(io.StringIO(export(front_desk, "csv").decode())))
    assert rows[0]["Name"] == "'=HYPERLINK(1)"
    assert rows[0]["Phone number"] == "'+44 7700 900111"


def test_a_database_error_is_logged_by_type_without_the_patients_words(client, page):
    """
    PostgreSQL quotes the offending value in its errors (`CONTEXT: JSON data,
    line 1: ...`); Django logs an unhandled exception with its message. The
    configured handler must write the type and traceback only.
    """
    handler = next(
        h for h in logging.getLogger("django").handlers if isinstance(h, logging.StreamHandler)
    )
    output = io.StringIO()
    refused = DataError(
        "invalid input syntax for type json\nCONTEXT:  JSON data, line 1: "
        '{"message": "Wondering about options for frown lines."'
    )
    previous = handler.setStream(output)
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(ConsultationRequest, "save", lambda *args, **kwargs: _raise(refused))
            response = client.post(page.url, valid_data())
    finally:
        handler.setStream(previous)

    logged = output.getvalue()
    assert response.status_code == 500
    assert "Internal Server Error" in logged
    assert "django.db.utils.DataError" in logged
    assert "frown lines" not in logged and "Jamie" not in logged and "jamie@" not in logged
    assert not ConsultationRequest.objects.exists()


def _raise(error):
    raise error


# Properties ------------------------------------------------------------------


def form_posts():
    """A valid form with some answers replaced by anything a client could post."""
    names = st.sampled_from(
        [
            *TEXT_FIELDS,
            "preferred_contact",
            "treatment",
            "consultation_type",
            "preferred_days",
            "patient_status",
            "heard_about",
            "consent",
            "form_token",
            "website",
            *(f"extra_{label.lower().replace(' ', '_')}" for label, _t, _c in EXTRA_QUESTIONS),
        ]
    )
    values = st.one_of(query_values(), st.lists(text(), max_size=3))
    return st.dictionaries(names, values, max_size=4).map(lambda changes: valid_data(**changes))


@bounded(max_examples=40)
@given(data=form_posts())
def test_any_form_post_is_stored_once_or_explained_never_a_server_error(page, data):
    with isolated():
        client = Client(raise_request_exception=False)
        response = client.post(page.url, data)

        assert response.status_code in (200, 302), response.status_code
        stored = list(ConsultationRequest.objects.all())
        if response.status_code == 302:
            honeypot = data.get("website")
            honeypot = honeypot[-1] if isinstance(honeypot, list) and honeypot else honeypot
            assert len(stored) == (0 if honeypot else 1)
            for request in stored:
                assert not any(has_unsafe_characters(value) for value in stored_text(request))
        else:
            assert stored == []
            assert 'class="error-summary"' in response.content.decode()


@bounded(max_examples=25)
@given(
    name=noise(),
    message=st.lists(st.sampled_from(["\x00", "\x1b", "\r\n", "\t", "\x7f", "ok"])).map("".join),
    campaign=st.dictionaries(st.sampled_from(UTM_FIELDS), query_values(), max_size=3),
    treatment=st.one_of(st.just("botox-for-migraines"), query_values()),
)
def test_a_valid_request_with_noise_in_it_is_stored_exactly_once(
    page, name, message, campaign, treatment
):
    with isolated(), override_settings(CONSULTATIONS_MIN_FILL_SECONDS=0):
        client = Client(raise_request_exception=False)
        shown = client.get(f"{page.url}?{urlencode({**campaign, 'treatment': treatment})}")
        assert shown.status_code == 200

        response = client.post(
            page.url,
            valid_data(
                name=f"Jamie{name} Quinlan",
                message=message,
                form_token=token_from(shown),
                treatment="not-sure",
            ),
        )

        assert response.status_code == 302
        stored = ConsultationRequest.objects.get()
        assert stored.name == "Jamie Quinlan"
        assert not any(has_unsafe_characters(value) for value in stored_text(stored))
        assert "\x00" not in stored.utm_source


def test_the_form_token_of_an_older_page_still_works_after_cleaning(client, page):
    """A token signed before cleaning existed may carry a NUL; it is cleaned when stored."""
    token = form_token(u={"utm_source": "old\x00link"}, r="/blog/\x00post/")

    response = client.post(page.url, valid_data(form_token=token))

    assert response.status_code == 302
    stored = ConsultationRequest.objects.get()
    assert (stored.utm_source, stored.referrer_path) == ("oldlink", "/blog/post/")
