"""Structured data a search engine reads back from treatment and FAQ pages."""

import datetime
from decimal import Decimal

import pytest

from clinic_site.models import Author
from treatments.models import TreatmentFaq

from .factories import (
    QuestionFactory,
    faq_list_block,
    inline_question,
    make_faq_page,
    make_index,
    make_treatment,
    section,
    shared_question,
)
from .helpers import faq_questions, json_ld, main_of, objects_of_type, types_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def treatment(home_page, clinic_settings):
    index = make_index(home_page)
    return make_treatment(
        index,
        intro="Injections that can cut how often migraines happen.",
        procedure_type="percutaneous",
        how_performed="Small injections into muscles of the head and neck.",
        body_location="Forehead, temples, back of the head and neck",
        preparation="Avoid alcohol the day before.",
        aftercare="Do not rub the areas for a day.\nAvoid hard exercise until the next day.",
        price_from=Decimal("350"),
        price_currency="GBP",
        reviewer=Author.objects.create(name="Dr Ana Silva", credentials="MD"),
        last_reviewed=datetime.date(2026, 1, 10),
        common_side_effects=[("side_effect", {"name": "Headache", "detail": ""})],
        contraindications=[("reason", {"reason": "Pregnancy", "detail": ""})],
    )


def test_treatment_is_described_as_a_medical_therapy_with_an_offer(client, treatment):
    html = client.get(treatment.url).content.decode()

    (therapy,) = objects_of_type(html, "MedicalTherapy")
    assert set(types_of(therapy)) == {"MedicalTherapy", "Service"}
    assert therapy["name"] == "Botox for migraines"
    assert therapy["procedureType"] == "https://schema.org/PercutaneousProcedure"
    assert therapy["howPerformed"].startswith("Small injections")
    assert therapy["bodyLocation"].startswith("Forehead")
    assert therapy["preparation"] == "Avoid alcohol the day before."
    assert therapy["followup"].endswith("until the next day.")
    assert therapy["adverseOutcome"] == [{"@type": "MedicalEntity", "name": "Headache"}]
    assert therapy["contraindication"] == ["Pregnancy"]
    assert therapy["offers"] == {
        "@type": "Offer",
        "price": "350.00",
        "priceCurrency": "GBP",
        "url": "http://localhost/treatments/botox-for-migraines/",
    }
    assert therapy["provider"] == {"@type": "MedicalClinic", "name": "Riverside Skin Clinic"}


def test_treatment_page_is_a_reviewed_medical_web_page_with_breadcrumbs(client, treatment):
    html = client.get(treatment.url).content.decode()

    (page,) = objects_of_type(html, "MedicalWebPage")
    (therapy,) = objects_of_type(html, "MedicalTherapy")
    (breadcrumbs,) = objects_of_type(html, "BreadcrumbList")
    assert page["lastReviewed"] == "2026-01-10"
    assert page["reviewedBy"]["name"] == "Dr Ana Silva"
    assert page["about"] == {"@id": therapy["@id"]}
    assert [item["name"] for item in breadcrumbs["itemListElement"]] == [
        "Riverside Skin Clinic",
        "Treatments",
        "Botox for migraines",
    ]


def test_a_treatment_without_questions_has_no_faq_page_data(client, treatment):
    html = client.get(treatment.url).content.decode()

    assert objects_of_type(html, "FAQPage") == []


def test_faq_data_lists_the_shown_questions_once_even_when_repeated(client, treatment):
    shared = QuestionFactory(
        question="How long does it last?", answer="<p>About <b>12</b> weeks.</p>"
    )
    TreatmentFaq.objects.create(
        page=treatment, question="Does it hurt?", answer="<p>A little.</p>", sort_order=0
    )
    TreatmentFaq.objects.create(page=treatment, shared_question=shared, sort_order=1)
    treatment.body = [faq_list_block(shared)]  # the same question again, in the body
    treatment.save_revision().publish()

    html = client.get(treatment.url).content.decode()

    assert html.count('<summary class="faq__question">How long does it last?</summary>') == 2
    assert faq_questions(html) == [["Does it hurt?", "How long does it last?"]]
    (faq,) = objects_of_type(html, "FAQPage")
    answer = faq["mainEntity"][1]["acceptedAnswer"]
    assert answer == {"@type": "Answer", "text": "About 12 weeks."}


def test_faq_page_data_matches_every_section_and_body_block(client, home_page):
    shared = QuestionFactory(question="Who will treat me?")
    extra = QuestionFactory(question="Can I bring someone?")
    page = make_faq_page(
        home_page,
        sections=[
            section("Before", inline_question("Do I need a consultation?", "<p>Yes.</p>")),
            section("Safety", shared_question(shared), inline_question("Who will treat me?", "x")),
        ],
        body=[faq_list_block(extra, shared)],
    )

    html = client.get(page.url).content.decode()

    assert faq_questions(html) == [
        ["Do I need a consultation?", "Who will treat me?", "Can I bring someone?"]
    ]
    assert {t for obj in json_ld(html) for t in types_of(obj)} == {
        "MedicalWebPage",
        "FAQPage",
        "BreadcrumbList",
    }


def test_questions_in_the_treatments_index_body_are_described_too(client, home_page):
    question = QuestionFactory(question="Which treatment is right for me?")
    index = make_index(home_page, body=[faq_list_block(question)])

    html = client.get(index.url).content.decode()

    assert faq_questions(html) == [["Which treatment is right for me?"]]
    assert objects_of_type(html, "CollectionPage")


def test_a_shared_question_is_marked_up_only_on_the_faq_page_that_lists_it(client, home_page):
    shared = QuestionFactory(question="Is Botox safe?", answer="<p>Yes, in trained hands.</p>")
    index = make_index(home_page)
    first = make_treatment(index, title="Botox for migraines", slug="botox-for-migraines")
    second = make_treatment(index, title="Botox for sweating", slug="botox-for-sweating")
    for page in (first, second):
        TreatmentFaq.objects.create(page=page, shared_question=shared, sort_order=0)
        page.save_revision().publish()
    TreatmentFaq.objects.create(
        page=first, question="Does it hurt?", answer="<p>A little.</p>", sort_order=1
    )
    first.save_revision().publish()
    faq_page = make_faq_page(home_page, sections=[section("Safety", shared_question(shared))])

    pages = {page: client.get(page.url).content.decode() for page in (first, second, faq_page)}

    assert faq_questions(pages[faq_page]) == [["Is Botox safe?"]]
    assert faq_questions(pages[first]) == [["Does it hurt?"]]
    assert faq_questions(pages[second]) == []
    for html in pages.values():  # the answer itself is still shown everywhere
        assert "Yes, in trained hands." in main_of(html)


def test_without_a_faq_page_the_first_treatment_page_marks_the_question_up(client, home_page):
    shared = QuestionFactory(question="Is Botox safe?", answer="<p>Yes, in trained hands.</p>")
    index = make_index(home_page)
    first = make_treatment(index, title="Botox for migraines", slug="botox-for-migraines")
    second = make_treatment(index, title="Botox for sweating", slug="botox-for-sweating")
    for page in (second, first):
        TreatmentFaq.objects.create(page=page, shared_question=shared, sort_order=0)
        page.save_revision().publish()

    marked_up = [faq_questions(client.get(page.url).content.decode()) for page in (first, second)]

    assert marked_up == [[["Is Botox safe?"]], []]
