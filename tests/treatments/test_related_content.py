"""
A treatment page leads on to more: the articles about it (found through the
blog's related treatments, without the treatments app knowing the blog) and the
full question list its shared questions come from.
"""

import datetime

import pytest

from tests.blog.factories import make_blog, make_post
from tests.clinic_site.factories import make_clinic_settings, make_home_page
from treatments.models import TreatmentFaq

from .factories import (
    QuestionFactory,
    make_faq_page,
    make_index,
    make_treatment,
    section,
    shared_question,
)
from .helpers import main_of
from .test_queries import TREATMENT_PAGE_QUERIES


@pytest.fixture(scope="module")
def site(module_db):
    home = make_home_page()
    make_clinic_settings()
    index = make_index(home)
    shared = QuestionFactory(question="How long does it last?")
    botox = make_treatment(index)
    TreatmentFaq.objects.create(page=botox, shared_question=shared, sort_order=0)
    botox.save_revision().publish()
    peel = make_treatment(index, title="Chemical peel", slug="chemical-peel")
    full_list = make_faq_page(
        home,
        title="Questions",
        heading="Questions to ask before Botox treatment",
        sections=[section("Afterwards", shared_question(shared))],
    )
    make_faq_page(
        home,
        title="Peel questions",
        slug="peel-questions",
        sections=[section("Skin", shared_question(QuestionFactory(question="Will it sting?")))],
    )
    blog = make_blog(home)
    newer = make_post(
        blog, title="Botox and migraine", related=[botox], date=datetime.date(2026, 3, 1)
    )
    older = make_post(
        blog, title="First injections", related=[botox], date=datetime.date(2026, 1, 1)
    )
    make_post(blog, title="A draft about Botox", related=[botox], publish=False)
    make_post(blog, title="Peels in winter", related=[peel])
    return {"botox": botox, "peel": peel, "list": full_list, "articles": [newer, older]}


@pytest.mark.django_db
def test_treatment_page_lists_its_published_articles_newest_first(client, site):
    html = main_of(client.get(site["botox"].url).content.decode())
    section_html = html.split('id="treatment-articles"', 1)[1].split("</section>", 1)[0]

    assert "Articles about Botox for migraines" in section_html
    shown = [post.title for post in site["articles"]]
    assert [title for title in shown if title in section_html] == shown
    assert section_html.index(shown[0]) < section_html.index(shown[1])
    assert "A draft about Botox" not in html and "Peels in winter" not in html


@pytest.mark.django_db
def test_treatment_page_links_the_question_list_its_questions_come_from(client, site):
    html = main_of(client.get(site["botox"].url).content.decode())
    questions = html.split('id="treatment-questions"', 1)[1].split("</section>", 1)[0]

    assert (
        f'<a href="{site["list"].url}">All our questions: Questions to ask before Botox '
        "treatment</a>"
    ) in questions
    assert "Peel questions" not in html


@pytest.mark.django_db
def test_a_treatment_without_articles_or_shared_questions_shows_neither(client, site):
    html = main_of(client.get(site["peel"].url).content.decode())

    assert "Peels in winter" in html  # its own article
    assert "All our questions" not in html
    assert "Botox and migraine" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("version", ["v2", "v3"])
def test_api_gives_the_articles_and_question_lists_as_links(client, site, version):
    data = client.get(f"/api/{version}/pages/{site['botox'].pk}/").json()

    assert [item["title"] for item in data["articles"]] == [p.title for p in site["articles"]]
    assert [item["url"] for item in data["question_lists"]] == [site["list"].url]


@pytest.mark.django_db
def test_articles_and_question_list_come_from_the_cache(client, site, django_assert_num_queries):
    client.get(site["botox"].url)

    # The treatment page's budget, less the query for FAQ blocks in a body (it has none).
    with django_assert_num_queries(TREATMENT_PAGE_QUERIES - 1):
        response = client.get(site["botox"].url)

    assert "Articles about Botox for migraines" in response.content.decode()
