"""
Bad input at the shared core's doors: the site search, and the text cleaning
and log filter every app relies on.
"""

import io
import logging

from django.db import connection
from django.test import Client

import pytest
from hypothesis import given

from clinic_site.log_filters import WithholdExceptionMessages
from clinic_site.models import HomePage
from clinic_site.text import clean_json_strings, clean_search_query, clean_text
from tests.clinic_site.factories import make_clinic_settings, make_home_page, make_page
from tests.strategies import bounded, has_unsafe_characters, isolated, query_values, text

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def site(module_db):
    home = make_home_page()
    make_clinic_settings()
    make_page(
        home,
        model=HomePage,
        title="Botox for migraines",
        slug="botox-for-migraines",
        intro="How botox injections can prevent chronic migraine.",
    )
    return home


@pytest.fixture
def client():
    return Client(raise_request_exception=False)


def search_box_value(html):
    """What the page's one search box (in the header) holds."""
    return html.split('id="site-search-q" type="search" name="q" value="', 1)[1].split('"', 1)[0]


# The site search -----------------------------------------------------------


@pytest.mark.parametrize("query", ['"botox', 'botox"', '"botox"', '"botox migraines'])
def test_a_search_with_stray_quotes_finds_what_it_finds_without_them(client, site, query):
    response = client.get("/search/", {"q": query})

    html = response.content.decode()
    assert response.status_code == 200
    assert '<a href="/botox-for-migraines/">Botox for migraines</a>' in html
    assert '"' not in search_box_value(html).replace("&quot;", '"')


@pytest.mark.parametrize("query", ["\x00", "botox\x00", "\x1b[31m", "\x00\x00\x00"])
def test_a_search_with_control_characters_searches_for_the_rest(client, site, query):
    response = client.get("/search/", {"q": query})

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('id="site-search-q"') == 1
    assert search_box_value(html) == clean_search_query(query)
    if "botox" in query:
        assert "Botox for migraines</a>" in html


def test_a_search_the_database_refuses_asks_the_visitor_to_check_it(client, site, monkeypatch):
    """The last line of defence: a backend error becomes a message, not a 500."""

    def refuse(*args, **kwargs):
        with connection.cursor() as cursor:
            cursor.execute("SELECT * FROM no_such_search_table")

    monkeypatch.setattr("clinic_site.views.Paginator.get_page", refuse)

    response = client.get("/search/", {"q": "botox"})

    html = response.content.decode()
    assert response.status_code == 400
    assert "We could not search for “botox”" in html
    assert "Riverside Skin Clinic" in html  # the page around it still renders


@bounded(max_examples=40)
@given(query=text(), page_number=query_values())
def test_any_search_answers_with_the_search_page_never_a_server_error(site, query, page_number):
    with isolated():
        response = Client(raise_request_exception=False).get(
            "/search/", {"q": query, "page": page_number}
        )

        html = response.content.decode()
        assert response.status_code == 200, response.status_code
        assert not has_unsafe_characters(search_box_value(html))


# Cleaning text ----------------------------------------------------------------


def test_single_line_text_loses_control_characters_and_keeps_words_apart():
    assert clean_text("Jamie\x00 Quinlan\x1b[0m") == "Jamie Quinlan[0m"
    assert clean_text("Jamie\tQuinlan\r\n") == "Jamie Quinlan  "
    assert (
        clean_text("Zoë 😀 \u200f\u05e9\u05dc\u05d5\u05dd")
        == "Zoë 😀 \u200f\u05e9\u05dc\u05d5\u05dd"
    )
    assert clean_text("a\ud800b\udfffc\x7fd\x85e\ufffff") == "abcdef"


def test_multi_line_text_keeps_tabs_and_line_breaks_in_one_style():
    assert clean_text("One\r\nTwo\rThree\n\tFour\x0b", multiline=True) == "One\nTwo\nThree\n\tFour"


def test_search_queries_are_one_line_without_quotes_and_bounded():
    assert clean_search_query(' "botox"   for\tmigraines\x00 ') == "botox for migraines"
    assert clean_search_query('"') == ""
    assert clean_search_query("a" * 300) == "a" * 200


def test_json_bodies_are_cleaned_in_every_string_key_and_value():
    cleaned = clean_json_strings({"na\x00me": ["x\ud800y", {"k": "a\x1bb"}], "n": 1, "t": True})

    assert cleaned == {"name": ["xy", {"k": "ab"}], "n": 1, "t": True}


# Logging ----------------------------------------------------------------------


def test_a_logged_exception_shows_its_types_and_traceback_but_no_message():
    patient = "Jamie Quinlan, 07700 900123"
    output = io.StringIO()
    handler = logging.StreamHandler(output)
    handler.addFilter(WithholdExceptionMessages())
    logger = logging.getLogger("tests.bad_input")
    logger.addHandler(handler)
    try:
        try:
            try:
                (patient + "\ud800").encode()
            except UnicodeEncodeError as error:
                raise ValueError(f"invalid answer: {patient!r}") from error
        except ValueError:
            logger.exception("Internal Server Error: %s", "/book/")
    finally:
        logger.removeHandler(handler)

    logged = output.getvalue()
    assert logged.startswith("Internal Server Error: /book/")
    assert "builtins.UnicodeEncodeError" in logged and "builtins.ValueError" in logged
    assert "in test_a_logged_exception_shows_its_types_and_traceback_but_no_message" in logged
    assert "Quinlan" not in logged and "07700" not in logged
