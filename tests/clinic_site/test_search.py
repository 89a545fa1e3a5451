"""
The site search as a patient uses it: words in answers, facts and side effects
find their pages, a patient's word finds a page written in a clinician's,
a typo gets a "Did you mean", editors' promoted results come first, and the
results page costs the same queries however many pages it lists.
"""

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

import pytest

from clinic_site.models import StandardPage
from tests.blog.factories import make_blog, make_post
from tests.clinic_site.factories import (
    make_clinic_settings,
    make_home_page,
    make_page,
    make_synonyms,
)
from tests.treatments.factories import (
    ConditionFactory,
    QuestionFactory,
    make_faq_page,
    make_index,
    make_treatment,
    section,
    shared_question,
)

pytestmark = pytest.mark.django_db


def postgresql_only(reason):
    return pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason=f"{reason} is PostgreSQL full-text search; SQLite's FTS5 matches whole "
        "words only, every word of the query.",
    )


@pytest.fixture(scope="module")
def site(module_db):
    """A small clinic, built once: a treatment, a question list, an article and a Prices page."""
    home = make_home_page()
    make_clinic_settings()
    make_synonyms(
        "hurt, pain, painful, discomfort, sore",
        "pregnant, pregnancy, expecting a baby",
    )
    index = make_index(home)
    pregnancy = QuestionFactory(
        question="Is there any reason I should not have it?",
        answer="<p>It is not given during pregnancy or while breastfeeding.</p>",
        live=True,
    )
    faq = make_faq_page(
        home,
        title="Questions",
        slug="questions",
        heading="Questions to ask before Botox treatment",
        sections=[section("Before you book", shared_question(pregnancy))],
    )
    peel = make_treatment(
        index,
        title="Chemical peel",
        slug="chemical-peel",
        intro="A solution that lifts the top layer of skin.",
        numbing="A cooling fan eases any discomfort",
        price_from=Decimal("90"),
        common_side_effects=[
            ("side_effect", {"name": "Redness and flaking", "detail": "For up to a week."})
        ],
    )
    migraine = ConditionFactory(name="Chronic migraine", slug="chronic-migraine")
    botox = make_treatment(index, title="Botox for migraines", intro="Fewer headache days.")
    botox.conditions.set([migraine])
    botox.save_revision().publish()
    blog = make_blog(home)
    article = make_post(
        blog, title="Your first appointment", intro="What happens on the day.", tags=["botox"]
    )
    prices = make_page(
        home,
        model=StandardPage,
        title="Prices",
        slug="prices",
        intro="What each treatment costs and how to pay.",
    )
    return {"faq": faq, "peel": peel, "botox": botox, "article": article, "prices": prices}


def search(client, query, **params):
    response = client.get("/search/", {"q": query, **params})
    assert response.status_code == 200
    return response


def found_urls(response):
    found = [*response.context["recommended"], *response.context["found"]]
    return [result.url for result in found]


def test_a_word_in_a_shared_answer_finds_the_question_list(client, site):
    assert site["faq"].url in found_urls(search(client, "breastfeeding"))


def test_pregnant_finds_the_answer_that_says_pregnancy(client, site):
    urls = found_urls(search(client, "pregnant"))

    assert site["faq"].url in urls
    assert site["peel"].url not in urls


def test_without_the_synonym_pregnant_finds_nothing(client, site):
    from clinic_site.models import SearchSynonym

    SearchSynonym.objects.filter(words__contains="pregnant").delete()

    assert found_urls(search(client, "pregnant")) == []


def test_hurt_finds_the_treatment_whose_numbing_fact_speaks_of_discomfort(client, site):
    assert found_urls(search(client, "hurt")) == [site["peel"].url]


@postgresql_only("Leaving out words such as 'does' and 'it'")
def test_a_patients_whole_question_finds_the_page(client, site):
    assert found_urls(search(client, "does it hurt")) == [site["peel"].url]


def test_when_no_page_has_every_word_the_pages_with_some_are_shown_as_such(client, site):
    response = search(client, "flaking kneecaps")
    html = response.content.decode()

    assert found_urls(response) == [site["peel"].url]
    assert "No page has all of “flaking kneecaps”; 1 page has some of these words." in html


def test_price_finds_the_treatments_with_a_price(client, site):
    urls = found_urls(search(client, "price"))

    assert site["peel"].url in urls
    assert site["botox"].url not in urls  # it has no price


@postgresql_only("Stemming ('prices' finds 'price')")
def test_price_also_finds_the_prices_page_through_stemming(client, site):
    assert site["prices"].url in found_urls(search(client, "price"))


def test_botox_finds_the_question_list_and_the_article_tagged_botox(client, site):
    urls = found_urls(search(client, "botox"))

    assert {site["botox"].url, site["faq"].url, site["article"].url} <= set(urls)


def test_a_side_effect_and_a_condition_find_their_treatments(client, site):
    assert found_urls(search(client, "flaking")) == [site["peel"].url]
    assert site["botox"].url in found_urls(search(client, "chronic migraine"))


def test_a_typo_gets_a_did_you_mean_link_that_runs_that_search(client, site):
    response = search(client, "migrane")
    html = response.content.decode()

    assert response.context["suggestion"] == "migraine"
    assert 'Did you mean <a href="/search/?q=migraine">migraine</a>?' in html
    assert site["botox"].url in found_urls(search(client, "migraine"))


def test_known_words_get_no_suggestion(client, site):
    response = search(client, "botox")

    assert response.context["suggestion"] == ""
    assert "Did you mean" not in response.content.decode()


def test_suggestions_never_come_from_a_draft_and_follow_publishing(client, site):
    draft = make_page(site["botox"].get_parent(), title="Cryolipolysis", slug="cryo", publish=False)

    assert search(client, "cryolipolisis").context["suggestion"] == ""

    draft.save_revision().publish()

    assert search(client, "cryolipolisis").context["suggestion"] == "cryolipolysis"


def test_publishing_a_shared_answer_makes_the_pages_showing_it_findable(client, site):
    from treatments.models import Question

    question = Question.objects.get(question="Is there any reason I should not have it?")
    assert found_urls(search(client, "zygomatic")) == []

    question.answer = "<p>Not during pregnancy, nor near the zygomatic arch if bruised.</p>"
    question.save_revision().publish()

    assert found_urls(search(client, "zygomatic")) == [site["faq"].url]


def test_results_show_what_each_page_is_and_its_summary(client, site):
    html = search(client, "chemical peel").content.decode()

    assert "Treatment" in html
    assert "A solution that lifts the top layer of skin." in html
    assert '<a href="/treatments/chemical-peel/">Chemical peel</a>' in html


@pytest.mark.parametrize(
    "query",
    ["", " ", "a" * 5000, "price AND OR NOT", "(botox", "botox*", "-hurt", "’”«»", "🙂 price"],
)
def test_odd_queries_answer_with_the_search_page(client, site, query):
    response = client.get("/search/", {"q": query})

    assert response.status_code == 200
    assert response.content.decode().count('role="search"') == 1


def test_the_results_page_costs_the_same_queries_for_one_result_or_many(
    client, site, django_assert_num_queries
):
    index = site["peel"].get_parent()
    for n in range(3):
        make_treatment(index, title=f"Laser session {n}", slug=f"laser-{n}", intro="Laser.")
    for query in ("peel", "laser"):  # the caches a first visitor fills
        search(client, query)
    with CaptureQueriesContext(connection) as one:
        assert len(search(client, "peel").context["found"]) == 1

    with django_assert_num_queries(len(one.captured_queries)):
        assert len(search(client, "laser").context["found"]) == 3


def test_a_repeated_search_is_answered_from_the_cache_until_the_content_changes(client, site):
    index = site["peel"].get_parent()
    for n in range(2):
        make_treatment(index, title=f"Laser session {n}", slug=f"laser-{n}", intro="Laser.")
    # (The queries are read before the next request: each request empties the log.)
    with CaptureQueriesContext(connection) as first:
        first_found = search(client, "laser").context["found"]
    first_queries = [query["sql"] for query in first.captured_queries]
    with CaptureQueriesContext(connection) as again:
        found_again = search(client, "laser").context["found"]
    queries_again = [query["sql"] for query in again.captured_queries]

    assert [result.title for result in found_again] == [result.title for result in first_found]
    assert len(found_again) == 2
    # Neither counted nor ranked again: only the pages are loaded, by id.
    assert any("wagtailsearch_" in sql for sql in first_queries)  # the search index
    assert not any("wagtailsearch_" in sql for sql in queries_again)
    assert len(queries_again) < len(first_queries)

    make_treatment(index, title="Laser session 2", slug="laser-2", intro="Laser.")
    assert len(search(client, "laser").context["found"]) == 3  # published: found at once


@pytest.fixture
def editor(site):
    user = get_user_model().objects.create_user("marketing", password="pw")
    user.groups.add(Group.objects.get(name="Marketing editor"))
    client = Client()
    client.force_login(user)
    return client


def test_an_editor_promotes_a_page_and_patients_see_it_first_as_recommended(client, site, editor):
    response = editor.post(
        "/admin/searchpicks/add/",
        {
            "query_string": "Cost",
            "editors_picks-TOTAL_FORMS": 1,
            "editors_picks-INITIAL_FORMS": 0,
            "editors_picks-MAX_NUM_FORMS": 1000,
            "editors_picks-0-DELETE": "",
            "editors_picks-0-ORDER": 0,
            "editors_picks-0-page": site["prices"].pk,
            "editors_picks-0-description": "Every treatment's price, and how to pay.",
        },
    )
    assert response.status_code == 302

    response = search(client, "cost")
    html = response.content.decode()

    assert found_urls(response)[0] == site["prices"].url
    recommended = html.split('id="search-recommended"', 1)[1].split("</section>", 1)[0]
    assert "Recommended" in recommended
    assert "Every treatment&#x27;s price, and how to pay." in recommended
    assert html.count('href="/prices/"') == 1  # listed once, among the recommended


def test_a_promotion_of_an_unpublished_page_is_not_shown(client, site):
    from wagtail.contrib.search_promotions.models import Query

    draft = make_page(site["botox"].get_parent(), title="Secret", slug="secret", publish=False)
    Query.get("cost").editors_picks.create(page=draft, sort_order=0)

    assert "/secret/" not in search(client, "cost").content.decode()


def test_searching_stores_nothing_a_patient_typed(client, site):
    from wagtail.contrib.search_promotions.models import Query

    search(client, "my rash on my neck")

    assert not Query.objects.filter(query_string__contains="rash").exists()


def test_an_editor_writes_a_synonym_group_as_a_list_of_words(site, editor):
    from clinic_site.models import SearchSynonym

    url = "/admin/snippets/clinic_site/searchsynonym/add/"
    refused = editor.post(url, {"words": "swelling", "note": ""})
    saved = editor.post(url, {"words": " Swelling ,PUFFY,, swollen ", "note": "Aftercare"})

    assert "Write at least two words, separated by commas." in refused.content.decode()
    assert saved.status_code == 302
    assert SearchSynonym.objects.get(note="Aftercare").words == "swelling, puffy, swollen"


def test_the_search_stems_words_in_the_sites_language():
    from django.conf import settings

    from clinic_site.settings.base import postgres_search_config

    assert settings.WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] == "english"
    assert postgres_search_config("fr-ca") == "french"
    assert postgres_search_config("xx") == "simple"  # no stemming rather than the wrong one
