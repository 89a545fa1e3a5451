"""The FAQ-list and treatment-card blocks, usable in any body."""

from decimal import Decimal

import pytest

from treatments.blocks import FaqListBlock, TreatmentCardBlock
from treatments.models import TreatmentPage

from .factories import QuestionFactory, make_index, make_treatment

pytestmark = pytest.mark.django_db


def test_treatment_card_shows_the_treatment_with_its_key_facts(home_page):
    page = make_treatment(
        make_index(home_page),
        intro="Fewer migraine days.",
        session_minutes_min=20,
        numbing="Ice",
        price_from=Decimal("300"),
    )
    block = TreatmentCardBlock()

    html = block.render(block.to_python({"page": page.pk}))

    assert f'<a href="{page.url}">Botox for migraines</a>' in html
    assert "Fewer migraine days." in html
    assert "<dt>Session length</dt><dd>20 minutes</dd>" in html
    assert "<dt>Price</dt><dd>From £300</dd>" in html
    assert "Numbing" not in html  # cards keep to the key facts


def test_treatment_card_for_an_unpublished_treatment_renders_nothing(home_page):
    page = make_treatment(make_index(home_page), publish=False)
    block = TreatmentCardBlock()

    assert block.render(block.to_python({"page": page.pk})).strip() == ""


def test_faq_list_skips_questions_deleted_since(home_page):
    kept, gone = QuestionFactory(question="Kept?"), QuestionFactory(question="Gone?")
    block = FaqListBlock()
    gone.delete()
    value = block.to_python({"heading": "FAQ", "questions": [kept.pk, gone.pk]})

    html = block.render(value)

    assert "Kept?" in html and "Gone?" not in html
    assert html.count("<details") == 1


def test_faq_list_preview_in_the_block_picker_shows_the_clinics_shared_questions(admin_client):
    QuestionFactory(question="Does it hurt?", answer="<p>A little, for a moment.</p>")
    block = TreatmentPage._meta.get_field("body").stream_block.child_blocks["faq_list"]

    response = admin_client.get("/admin/block-preview/", {"id": block.definition_prefix})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Common questions" in html
    assert "Does it hurt?" in html and "A little, for a moment." in html
