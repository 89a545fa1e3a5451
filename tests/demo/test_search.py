"""
The demo's search tuning: what a patient types into the demo site's search box
finds the pages a clinic would want found, on whichever database runs it.
"""

import pytest

HOST = {"HTTP_HOST": "127.0.0.1:8000"}


def found(client, query):
    response = client.get("/search/", {"q": query}, **HOST)
    assert response.status_code == 200
    context = response.context
    return [result.url for result in [*context["recommended"], *context["found"]]], context


@pytest.mark.django_db
def test_botox_finds_the_question_list_and_the_preparation_article(client):
    urls, _context = found(client, "botox")

    assert "/questions-to-ask-before-botox/" in urls
    assert any("preparing-for-your-first-injectable-treatment" in url for url in urls)
    assert any(url.endswith("/botox-for-migraines/") for url in urls)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("pregnant", "/questions-to-ask-before-botox/"),
        ("hurt", "/questions-to-ask-before-botox/"),
        ("hurt", "/treatments/botox-for-migraines/"),
        ("price", "/prices/"),
    ],
)
def test_a_patients_word_finds_the_page_that_answers_it(client, query, expected):
    urls, _context = found(client, query)

    assert any(url.endswith(expected) for url in urls), urls


@pytest.mark.django_db
def test_the_prices_page_is_promoted_for_price(client):
    urls, context = found(client, "price")

    assert urls[0].endswith("/prices/")
    assert context["recommended"][0].recommended


@pytest.mark.django_db
def test_a_misspelt_migraine_is_corrected(client):
    _urls, context = found(client, "migrane")

    assert context["suggestion"] == "migraine"
