"""Editors' side: page editors open with their tabs, snippets are listed, FAQ rules."""

from django.core.exceptions import ValidationError

import pytest

from treatments.models import TreatmentFaq

from .factories import QuestionFactory, make_faq_page, make_index, make_treatment

pytestmark = pytest.mark.django_db


def test_treatment_editor_opens_with_its_tabs_without_the_consultations_app(
    admin_client, home_page
):
    page = make_treatment(make_index(home_page))

    response = admin_client.get(f"/admin/pages/{page.pk}/edit/")

    assert response.status_code == 200
    html = response.content.decode()
    for tab in ("Content", "Facts", "Safety and review", "Questions", "Promote"):
        assert f">{tab}<" in html or f"{tab}\n" in html
    assert "Session length from (minutes)" in html
    assert "Medical reviewer" in html


@pytest.mark.parametrize("model", ["treatmentpage", "treatmentindexpage", "faqpage"])
def test_new_page_forms_open(admin_client, home_page, model):
    parent = make_index(home_page) if model == "treatmentpage" else home_page

    response = admin_client.get(f"/admin/pages/add/treatments/{model}/{parent.pk}/")

    assert response.status_code == 200


def test_faq_page_editor_opens(admin_client, home_page):
    page = make_faq_page(home_page)

    assert admin_client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200


@pytest.mark.parametrize("model", ["question", "treatmentcategory", "condition"])
def test_snippets_are_listed(admin_client, model):
    QuestionFactory(question="Does it hurt?")

    response = admin_client.get(f"/admin/snippets/treatments/{model}/")

    assert response.status_code == 200


def test_shared_questions_list_shows_their_topics(admin_client):
    question = QuestionFactory(question="Does it hurt?")
    question.topics.add("botox", "comfort")
    question.save()

    html = admin_client.get("/admin/snippets/treatments/question/").content.decode()

    assert "Does it hurt?" in html
    assert "botox, comfort" in html


def test_a_faq_needs_a_shared_question_or_a_written_one():
    with pytest.raises(ValidationError) as error:
        TreatmentFaq(question="", answer="").clean()

    assert set(error.value.message_dict) == {"question", "answer"}


def test_a_faq_cannot_be_both_shared_and_written():
    with pytest.raises(ValidationError):
        TreatmentFaq(shared_question=QuestionFactory(), question="Also this?").clean()


def test_a_faq_with_a_shared_question_is_valid_and_shows_that_question():
    shared = QuestionFactory(question="Does it hurt?", answer="<p>A little.</p>")
    faq = TreatmentFaq(shared_question=shared)

    faq.clean()  # raises ValidationError if refused

    assert (faq.item.question, faq.item.answer) == ("Does it hurt?", "<p>A little.</p>")
    assert faq.item.question_id == shared.pk


def test_a_second_treatments_index_is_refused_in_the_admin(admin_client, home_page):
    add_url = f"/admin/pages/add/treatments/treatmentindexpage/{home_page.pk}/"
    assert admin_client.get(add_url).status_code == 200

    make_index(home_page)

    refused = admin_client.get(add_url, follow=True)
    assert refused.redirect_chain[-1][0] == "/admin/"
    assert "you do not have permission" in refused.content.decode()
    picker = admin_client.get(f"/admin/pages/{home_page.pk}/add_subpage/")
    assert picker.status_code == 200
    assert "/admin/pages/add/" in picker.content.decode()  # other page types still offered
    assert add_url not in picker.content.decode()
