"""Treatments through the content APIs: facts, safety, questions and blocks resolved."""

from decimal import Decimal

import pytest

from tests.clinic_site.factories import ImageFactory, make_page
from tests.treatments.factories import (
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
from treatments.models import TreatmentFaq

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(home_page):
    return make_index(home_page)


def treatment(index, items=2, **fields):
    questions = [QuestionFactory() for _ in range(items)]
    page = make_treatment(
        index,
        intro="Injections that ease chronic migraine.",
        category=TreatmentCategoryFactory(name="Neurotoxins"),
        session_minutes_min=15,
        session_minutes_max=30,
        downtime="None",
        price_from=Decimal("350"),
        price_currency="GBP",
        hero_image=ImageFactory(large=True),
        hero_image_alt="Forehead injection",
        common_side_effects=[("side_effect", {"name": "Headache", "detail": "A day or two."})],
        contraindications=[("reason", {"reason": "Pregnancy", "detail": ""})],
        body=[faq_list_block(*questions, heading="Common questions")],
        **fields,
    )
    page.conditions.set([ConditionFactory() for _ in range(items)])
    for n in range(items):
        TreatmentFaq.objects.create(
            page=page, question=f"Does it hurt {n}?", answer="<p><b>Briefly</b>.</p>"
        )
    TreatmentFaq.objects.create(page=page, shared_question=QuestionFactory())
    page.save_revision().publish()
    return page


def test_v3_treatment_detail_has_facts_safety_faqs_and_booking_link(
    client, index, home_page, clinic_settings
):
    booking = make_page(home_page, title="Book", slug="book")
    clinic_settings.consultation_page = booking
    clinic_settings.save()
    page = treatment(index)

    data = client.get(f"/api/v3/pages/{page.pk}/").json()

    assert data["summary"] == "Injections that ease chronic migraine."
    assert data["category"]["name"] == "Neurotoxins"
    assert len(data["conditions"]) == 2
    facts = {fact["label"]: fact["value"] for fact in data["facts"]}
    assert facts["Session length"] == "15–30 minutes"
    assert facts["Price"] == "From £350"
    assert data["price"] == {"amount": "350.00", "currency": "GBP", "display": "From £350"}
    assert data["common_side_effects"][0]["value"]["name"] == "Headache"
    assert data["contraindications"][0]["value"]["reason"] == "Pregnancy"
    assert data["faqs"][0] == {
        "question": "Does it hurt 0?",
        "answer": "<p><b>Briefly</b>.</p>",
        "shared_question_id": None,
    }
    assert data["faqs"][-1]["shared_question_id"] is not None
    block = data["body"][0]
    assert block["type"] == "faq_list"
    assert block["value"]["heading"] == "Common questions"
    assert block["value"]["questions"][0]["answer"].startswith("<p>Shared answer")
    assert data["consultation_url"] == f"/book/?treatment={page.slug}"
    assert data["hero_image"]["renditions"]["medium"]["height"] == 640
    types = [obj["@type"] for obj in data["json_ld"]]
    assert ["MedicalTherapy", "Service"] in types


def test_v2_treatment_detail_has_the_same_fields(client, index):
    page = treatment(index)

    data = client.get(f"/api/v2/pages/{page.pk}/").json()

    assert data["price"]["currency"] == "GBP"
    assert data["faqs"][0]["answer"] == "<p><b>Briefly</b>.</p>"
    assert data["body"][0]["value"]["questions"][0]["question"].startswith("Shared question")


def test_treatment_card_block_resolves_to_the_treatment(client, home_page, index):
    page = treatment(index)
    faq = make_faq_page(
        home_page,
        sections=[
            section(
                "Before",
                inline_question("Can I drive after?", "<p>Yes.</p>"),
                shared_question(QuestionFactory(question="Is it safe?")),
            )
        ],
        body=[{"type": "treatment_card", "value": {"page": page.pk}}],
    )

    data = client.get(f"/api/v3/pages/{faq.pk}/").json()

    questions = data["sections"][0]["value"]["questions"]
    assert [q["question"] for q in questions] == ["Can I drive after?", "Is it safe?"]
    assert questions[0]["answer"] == "<p>Yes.</p>"
    card = data["body"][0]["value"]["treatment"]
    assert card["page"]["url"] == f"/treatments/{page.slug}/"
    assert card["intro"] == page.intro
    assert card["image"]["alt"] == "Forehead injection"
    assert {"label": "Downtime", "value": "None"} in card["key_facts"]


def test_treatment_index_groups_cards_by_category(client, index):
    treatment(index)

    data = client.get(f"/api/v3/pages/{index.pk}/").json()

    group = data["treatment_groups"][0]
    assert group["category"]["name"] == "Neurotoxins"
    assert group["treatments"][0]["image"]["renditions"]["card"]["width"] == 480


@pytest.mark.parametrize("items", [1, 4])
def test_treatment_query_counts_do_not_grow_with_faqs_or_conditions(
    client, index, django_assert_num_queries, items
):
    page = treatment(index, items=items)
    client.get(f"/api/v3/pages/{page.pk}/")  # renditions made once

    with django_assert_num_queries(DETAIL_QUERIES):
        assert client.get(f"/api/v3/pages/{page.pk}/").status_code == 200
    with django_assert_num_queries(LIST_QUERIES):
        assert client.get("/api/v3/pages/?type=treatments.TreatmentPage").status_code == 200


# Wagtail's view restrictions, the page as Wagtail finds it, its ancestors, the
# body's chosen questions; the site, the treatment as its type with its locale,
# images and category (as routing keeps it), FAQ entries, conditions and the
# clinic's consultation page come from the content cache.
DETAIL_QUERIES = 4
# Wagtail's view restrictions, the count (kept from then on), the page of items.
LIST_QUERIES = 3
