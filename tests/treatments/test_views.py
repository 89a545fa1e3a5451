"""What patients see on treatment pages, the treatments index and FAQ pages."""

import datetime
from decimal import Decimal

from django.test import override_settings

import pytest

from clinic_site.models import Author
from tests.clinic_site.factories import ImageFactory, make_page
from treatments.models import TreatmentFaq

from .factories import (
    ConditionFactory,
    QuestionFactory,
    TreatmentCategoryFactory,
    faq_list_block,
    inline_question,
    make_faq_page,
    make_index,
    make_treatment,
    section,
    shared_question,
)
from .helpers import faq_questions, main_of, objects_of_type

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(home_page):
    return make_index(home_page)


def botox(index, **fields):
    fields = {
        "intro": "Injections that can cut how often migraines happen.",
        "session_minutes_min": 15,
        "session_minutes_max": 30,
        "numbing": "Numbing cream or ice",
        "downtime": "None",
        "results_weeks_min": 12,
        "price_from": Decimal("350"),
        **fields,
    }
    return make_treatment(index, **fields)


def test_treatment_page_shows_facts_as_a_description_list(client, index):
    page = botox(index)

    html = client.get(page.url).content.decode()

    assert '<dl class="facts">' in html
    assert "<dt>Session length</dt><dd>15–30 minutes</dd>" in html
    assert "<dt>Numbing</dt><dd>Numbing cream or ice</dd>" in html
    assert "<dt>Results last</dt><dd>12 weeks</dd>" in html
    assert "<dt>Price</dt><dd>From £350</dd>" in html
    assert html.count("<h1") == 1


def test_a_treatment_without_a_price_has_no_price_row(client, index):
    page = botox(index, price_from=None)

    html = client.get(page.url).content.decode()

    assert "<dt>Session length</dt>" in html
    assert "<dt>Price</dt>" not in html
    assert "offers" not in objects_of_type(html, "MedicalTherapy")[0]


def test_side_effects_contraindications_and_conditions_are_shown(client, index):
    migraine = ConditionFactory(name="Chronic migraine")
    page = botox(
        index,
        common_side_effects=[("side_effect", {"name": "Mild headache", "detail": "A day or two"})],
        rare_side_effects=[("side_effect", {"name": "Drooping eyelid", "detail": ""})],
        contraindications=[("reason", {"reason": "Pregnancy", "detail": ""})],
    )
    page.conditions.add(migraine)
    page.save_revision().publish()

    html = main_of(client.get(page.url).content.decode())

    common, rare = html.index(">Common<"), html.index(">Rare<")
    assert common < html.index("Mild headache") < rare < html.index("Drooping eyelid")
    assert "Who should not have it" in html and "Pregnancy" in html
    assert "Chronic migraine" in html


def test_faqs_written_inline_and_shared_render_as_disclosures(client, index):
    shared = QuestionFactory(question="How long does it last?", answer="<p>About 12 weeks.</p>")
    page = botox(index)
    TreatmentFaq.objects.create(
        page=page, question="Does it hurt?", answer="<p>A little.</p>", sort_order=0
    )
    TreatmentFaq.objects.create(page=page, shared_question=shared, sort_order=1)

    html = main_of(client.get(page.url).content.decode())

    assert '<summary class="faq__question">Does it hurt?</summary>' in html
    assert '<summary class="faq__question">How long does it last?</summary>' in html
    assert "About 12 weeks." in html
    assert html.index("Does it hurt?") < html.index("How long does it last?")


def test_editing_a_shared_question_changes_every_page_using_it(client, index, home_page):
    shared = QuestionFactory(question="Is it safe?", answer="<p>Old answer.</p>")
    treatment = botox(index)
    TreatmentFaq.objects.create(page=treatment, shared_question=shared)
    faq_page = make_faq_page(home_page, sections=[section("Safety", shared_question(shared))])

    shared.answer = "<p>Reviewed answer.</p>"
    shared.save()

    for url in (treatment.url, faq_page.url):
        html = client.get(url).content.decode()
        assert "Reviewed answer." in html
        assert "Old answer." not in html


def test_consultation_button_falls_back_to_the_clinic_page_with_the_treatment(
    client, index, clinic_settings, home_page
):
    booking = make_page(home_page, title="Book", slug="book")
    clinic_settings.consultation_page = booking
    clinic_settings.save()
    page = botox(index)

    html = client.get(page.url).content.decode()

    assert 'href="/book/?treatment=botox-for-migraines"' in html


def test_the_treatments_own_consultation_page_wins(client, index, clinic_settings, home_page):
    clinic_settings.consultation_page = make_page(home_page, title="Book", slug="book")
    clinic_settings.save()
    own = make_page(home_page, title="Migraine clinic", slug="migraine-clinic")
    page = botox(index, consultation_page=own)

    html = client.get(page.url).content.decode()

    assert 'href="/migraine-clinic/?treatment=botox-for-migraines"' in html


def test_treatment_page_works_without_any_consultation_page(client, index):
    page = botox(index)

    response = client.get(page.url)

    assert response.status_code == 200
    assert "?treatment=" not in response.content.decode()


def test_reviewer_and_review_date_are_shown(client, index):
    reviewer = Author.objects.create(name="Dr Ana Silva", credentials="MD")
    page = botox(index, reviewer=reviewer, last_reviewed=datetime.date(2026, 2, 3))

    html = client.get(page.url).content.decode()

    assert '<time datetime="2026-02-03">3 February 2026</time>' in html
    assert "Dr Ana Silva" in html


def test_index_groups_treatments_by_category_with_key_facts(client, index):
    toxins = TreatmentCategoryFactory(name="Neurotoxins", sort_order=1)
    fillers = TreatmentCategoryFactory(name="Fillers", sort_order=2)
    botox(index, category=toxins, hero_image=ImageFactory())
    make_treatment(index, title="Lip filler", slug="lip-filler", category=fillers)
    make_treatment(index, title="Draft peel", slug="peel", category=fillers, publish=False)

    html = main_of(client.get(index.url).content.decode())

    assert html.index(">Neurotoxins<") < html.index("Botox for migraines")
    assert html.index(">Fillers<") < html.index("Lip filler")
    assert "From £350" in html
    assert "Draft peel" not in html


def test_index_filters_by_category_and_by_condition(client, index):
    toxins = TreatmentCategoryFactory(name="Neurotoxins", slug="neurotoxins")
    migraine = ConditionFactory(name="Chronic migraine", slug="chronic-migraine")
    page = botox(index, category=toxins)
    page.conditions.add(migraine)
    page.save_revision().publish()
    make_treatment(index, title="Lip filler", slug="lip-filler")

    by_condition = client.get(index.url, {"condition": "chronic-migraine"}).content.decode()
    by_category = client.get(index.url, {"category": "neurotoxins"}).content.decode()
    unknown = client.get(index.url, {"category": "nope", "condition": "<x>"})

    assert "Botox for migraines" in by_condition and "Lip filler" not in by_condition
    assert '<option value="chronic-migraine" selected>' in by_condition
    assert "Botox for migraines" in by_category and "Lip filler" not in by_category
    assert unknown.status_code == 200
    assert "Lip filler" in unknown.content.decode()


def test_faq_page_renders_sections_as_disclosures(client, home_page):
    shared = QuestionFactory(question="Who will treat me?")
    page = make_faq_page(
        home_page,
        sections=[
            section("Before", inline_question("Do I need a consultation?", "<p>Yes.</p>")),
            section("Safety", shared_question(shared)),
        ],
    )

    html = main_of(client.get(page.url).content.decode())

    assert html.index(">Before<") < html.index("Do I need a consultation?")
    assert html.index(">Safety<") < html.index("Who will treat me?")
    assert html.count('<details class="faq"') == 2
    assert '<label for="faq-q">' in html


def test_faq_search_shows_only_matching_questions_and_keeps_the_query(client, home_page):
    page = make_faq_page(
        home_page,
        sections=[
            section(
                "All",
                inline_question("Does it hurt?", "<p>Most people feel a scratch.</p>"),
                inline_question("How much does it cost?", "<p>Prices start at £200.</p>"),
            ),
            section("Other", inline_question("Can I drive home?", "<p>Yes.</p>")),
        ],
    )

    html = client.get(page.url, {"q": "SCRAT"}).content.decode()

    assert "Does it hurt?" in html
    assert "How much does it cost?" not in html
    assert ">Other<" not in html
    assert 'value="SCRAT"' in html
    assert "1 question matches" in html
    assert faq_questions(html) == [["Does it hurt?"]]
    assert '<details class="faq" open>' in html  # the matching answer shows at once


def test_faq_search_ignores_accents_either_way(client, home_page):
    page = make_faq_page(
        home_page,
        sections=[section("All", inline_question("Is a facial peel safe?", "<p>Yes, café.</p>"))],
    )

    for query in ("CAFE", "café", "facial péel"):
        html = client.get(page.url, {"q": query}).content.decode()
        assert "Is a facial peel safe?" in html, query


@override_settings(LANGUAGE_CODE="en-gb")
def test_faq_search_with_no_match_says_so(client, home_page):
    page = make_faq_page(home_page, sections=[section("A", inline_question("Q?", "<p>A.</p>"))])

    response = client.get(page.url, {"q": "nothing like this"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "0 questions match" in html
    assert faq_questions(html) == []


def test_faq_list_block_in_a_treatment_body(client, index):
    shared = QuestionFactory(question="Can I exercise afterwards?")
    page = botox(index, body=[faq_list_block(shared, heading="Aftercare questions")])

    html = client.get(page.url).content.decode()

    assert ">Aftercare questions<" in html
    assert '<summary class="faq__question">Can I exercise afterwards?</summary>' in html
