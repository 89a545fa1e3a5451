"""The treatments part of `load_demo_content`: what it builds, and that a rerun changes nothing."""

import pytest
from wagtail.models import Page, Revision

from clinic_site.models import Author, HomePage
from tests.demo.conftest import load_again
from tests.treatments.helpers import faq_questions, objects_of_type
from treatments.models import Condition, FaqPage, Question, TreatmentCategory, TreatmentPage

pytestmark = pytest.mark.django_db

HOST = {"HTTP_HOST": "127.0.0.1:8000"}


def snapshot():
    return {
        "pages": list(Page.objects.order_by("path").values_list("path", "title", "live")),
        "revisions": Revision.objects.count(),
        "authors": list(Author.objects.values_list("name", flat=True)),
        "questions": Question.objects.count(),
        "categories": TreatmentCategory.objects.count(),
        "conditions": Condition.objects.count(),
    }


def test_demo_builds_treatments_in_menus_and_on_the_home_page(demo, client):
    index = Page.objects.get(slug="treatments")
    home = HomePage.objects.get()

    assert index.show_in_menus
    assert TreatmentPage.objects.child_of(index).live().count() >= 3
    assert TreatmentCategory.objects.count() >= 3
    assert home.featured_pages.count() == 3
    html = client.get("/", **HOST).content.decode()
    assert '<a href="/treatments/">Treatments</a>' in html
    assert "Botox for migraines" in html


def test_demo_botox_page_has_the_expected_facts(demo, client):
    botox = TreatmentPage.objects.get(slug="botox-for-migraines")

    facts = dict(botox.facts)

    assert facts["Session length"] == "15–30 minutes"
    assert facts["Downtime"].startswith("None")
    assert facts["Results last"] == "12 weeks"
    assert "cream or ice" in facts["Numbing"]
    assert botox.common_side_effects and botox.rare_side_effects and botox.contraindications
    assert botox.reviewer.name == "Dr Ana Silva"
    response = client.get(botox.url, **HOST)
    assert response.status_code == 200
    assert objects_of_type(response.content.decode(), "MedicalTherapy")


def test_demo_faq_page_has_at_least_eight_questions(demo, client):
    page = FaqPage.objects.get(slug="questions-to-ask-before-botox")

    html = client.get(page.url, **HOST).content.decode()

    assert page.show_in_menus and page.title == "Questions"
    assert "<h1>Questions to ask before Botox treatment</h1>" in html
    (questions,) = faq_questions(html)
    assert len(questions) >= 8
    assert html.count('<details class="faq"') >= 8


def test_running_the_treatments_demo_twice_changes_nothing(demo):
    before = snapshot()

    load_again()

    assert snapshot() == before
