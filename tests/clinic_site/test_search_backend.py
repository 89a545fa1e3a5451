"""
The search backend on SQLite finds, orders and scores exactly as Wagtail's own,
but fetches only the page of results asked for instead of scoring every match
once per match (see `clinic_site.search.sqlite`).
"""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.query import And, Or, PlainText

from tests.clinic_site.factories import make_home_page
from tests.treatments.factories import make_index, make_treatment

pytestmark = pytest.mark.django_db

on_sqlite = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the backend replaces SQLite's ranking only"
)

QUERIES = [
    "laser",
    "laser redness",
    Or([PlainText("peel"), PlainText("laser")]),
    And([PlainText("laser"), Or([PlainText("redness"), PlainText("swelling")])]),
    "nothing-matches-this",
]


@pytest.fixture(scope="module")
def treatments(module_db):
    """Fourteen treatments, most of them about lasers, some more than others."""
    index = make_index(make_home_page())
    for n in range(12):
        make_treatment(
            index,
            title=f"Laser session {n}" if n % 3 else f"Skin session {n}",
            slug=f"session-{n}",
            intro=" ".join(["laser"] * (n % 4 + 1) + ["redness" if n % 2 else "swelling"]),
        )
    make_treatment(index, title="Chemical peel", slug="peel", intro="Redness for a week.")
    draft = make_treatment(index, title="Laser draft", slug="laser-draft", intro="Laser.")
    draft.unpublish()


def searched(search_backend, query):
    return search_backend.search(query, Page.objects.live().specific()).annotate_score("score")


@on_sqlite
@pytest.mark.parametrize("query", QUERIES, ids=str)
def test_results_order_scores_and_counts_are_wagtails_own(treatments, query):
    # Imported here: Wagtail's SQLite backend cannot be imported on another database.
    from wagtail.search.backends.database.sqlite.sqlite import SQLiteSearchBackend

    from clinic_site.search import sqlite

    ours, wagtails = get_search_backend(), SQLiteSearchBackend({})
    assert isinstance(ours, sqlite.SQLiteSearchBackend)

    for cut in (slice(None), slice(0, 5), slice(5, 10), slice(3, None)):
        expected = [(page.pk, page.score) for page in searched(wagtails, query)[cut]]
        got = [(page.pk, page.score) for page in searched(ours, query)[cut]]
        assert got == expected
        assert searched(ours, query)[cut].count() == searched(wagtails, query)[cut].count()
    assert all(page.live for page in searched(ours, query))


@on_sqlite
def test_only_the_page_of_results_shown_is_fetched(treatments):
    with CaptureQueriesContext(connection) as queries:
        results = list(searched(get_search_backend(), "laser")[:3])

    assert len(results) == 3
    # One query ranks the matches and cuts them to three, one fetches those three
    # pages, one more each page type's own fields: never a query per match.
    ranking, pages = queries.captured_queries[0]["sql"], queries.captured_queries[1]["sql"]
    assert "bm25" in ranking and "LIMIT 3" in ranking
    assert pages.count("%s") == 0 and all(str(page.pk) in pages for page in results)
    assert len(queries) == 3


def test_other_databases_get_wagtails_backend_unchanged():
    chosen = get_search_backend()
    if connection.vendor == "sqlite":
        from clinic_site.search import sqlite

        assert type(chosen) is sqlite.SQLiteSearchBackend
    else:
        assert type(chosen).__module__.startswith("modelsearch.backends.database")
