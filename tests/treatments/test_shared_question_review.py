"""
A shared question's answer reaches every page that shows it, so a change is a
draft until a clinical reviewer approves it: patients see only the published
version, the editor sees where the answer is shown and can preview it there.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

import pytest
from wagtail.models import ModelLogEntry, WorkflowState
from wagtail.test.utils.form_data import nested_form_data, rich_text

from clinic_site.review import BYPASS_ACTION
from tests.blog.factories import AuthorFactory
from tests.clinic_site.factories import make_clinic_settings, make_home_page
from treatments.models import Question, TreatmentFaq

from .factories import (
    QuestionFactory,
    make_faq_page,
    make_index,
    make_treatment,
    section,
    shared_question,
)
from .helpers import faq_questions, main_of

pytestmark = pytest.mark.django_db

OLD = "Most people find it lasts three to four months."
NEW = "For most people the effect fades over ten to fourteen weeks."


@pytest.fixture(scope="module")
def world(module_db):
    """A question shown on a treatment page and a question list, a draft one, and staff."""
    home = make_home_page()
    make_clinic_settings()
    question = QuestionFactory(question="How long does Botox last?", answer=f"<p>{OLD}</p>")
    draft = QuestionFactory(question="Is it safe in pregnancy?", live=False)
    treatment = make_treatment(make_index(home))
    for n, item in enumerate([question, draft]):
        TreatmentFaq.objects.create(page=treatment, shared_question=item, sort_order=n)
    treatment.save_revision().publish()
    faq_page = make_faq_page(home, sections=[section("Afterwards", shared_question(question))])
    users = {}
    for key, group in [("editor", "Marketing editor"), ("reviewer", "Clinical reviewer")]:
        users[key] = get_user_model().objects.create_user(key)
        users[key].groups.add(Group.objects.get(name=group))
    users["admin"] = get_user_model().objects.create_superuser("admin", "admin@example.org")
    AuthorFactory(name="Dr Ana Silva", user=users["reviewer"])
    return {
        "question": question,
        "draft": draft,
        "pages": [treatment, faq_page],
        "users": users,
    }


def client_for(world, key):
    client = Client()
    client.force_login(world["users"][key])
    return client


def edit_url(question):
    return f"/admin/snippets/treatments/question/edit/{question.pk}/"


def change_answer(client, question, action):
    data = nested_form_data(
        {"question": question.question, "answer": rich_text(f"<p>{NEW}</p>"), "topics": ""}
    )
    return client.post(edit_url(question), {**data, action: "1"}, follow=True)


def shown_on_pages(world, client):
    return [NEW in main_of(client.get(page.url).content.decode()) for page in world["pages"]]


def test_a_question_never_published_is_shown_nowhere(world, client):
    treatment, faq_page = world["pages"]

    html = client.get(treatment.url).content.decode()
    faq_html = client.get(faq_page.url).content.decode()
    api = client.get(f"/api/v2/pages/{treatment.pk}/").json()

    assert "How long does Botox last?" in main_of(html)
    assert "Is it safe in pregnancy?" not in html + faq_html
    # Marked up once per site: on the question list, the question's canonical page.
    assert faq_questions(html) == []
    assert faq_questions(faq_html) == [["How long does Botox last?"]]
    assert [item["question"] for item in api["faqs"]] == ["How long does Botox last?"]


def test_the_form_says_which_pages_show_the_answer(world):
    html = client_for(world, "editor").get(edit_url(world["question"])).content.decode()

    assert "This answer is shown on 2 pages" in html
    for page in world["pages"]:
        assert f'href="{page.url}"' in html
        assert f"/admin/pages/{page.pk}/edit/" in html


def test_an_editors_change_is_a_draft_until_approved_then_shows_on_every_page(world, client):
    question = world["question"]
    editor = client_for(world, "editor")
    assert 'name="action-publish"' not in editor.get(edit_url(question)).content.decode()

    change_answer(editor, question, "action-submit")

    assert shown_on_pages(world, client) == [False, False]
    question.refresh_from_db()
    assert question.has_unpublished_changes
    state = WorkflowState.objects.get(object_id=str(question.pk), status="in_progress")
    assert state.workflow.name == "Clinical review"

    reviewer = client_for(world, "reviewer")
    url = (
        f"/admin/snippets/treatments/question/workflow/action/{question.pk}/approve/"
        f"{state.current_task_state_id}/"
    )
    assert reviewer.post(url).status_code == 302

    assert shown_on_pages(world, client) == [True, True]
    # The approval names the clinician and the date, as the review report shows them.
    question.refresh_from_db()
    assert question.reviewer.name == "Dr Ana Silva"
    assert question.last_reviewed == timezone.localdate()


def test_a_reviewer_publishes_a_question_only_by_approving_it(world, client):
    question = world["question"]
    reviewer = client_for(world, "reviewer")
    assert 'name="action-publish"' not in reviewer.get(edit_url(question)).content.decode()

    response = change_answer(reviewer, question, "action-publish")

    assert "goes live once a clinical reviewer approves it" in response.content.decode()
    assert shown_on_pages(world, client) == [False, False]


def test_an_administrators_direct_publish_is_logged(world, client):
    question = world["question"]

    change_answer(client_for(world, "admin"), question, "action-publish")

    assert shown_on_pages(world, client) == [True, True]
    entry = ModelLogEntry.objects.get(object_id=str(question.pk), action=BYPASS_ACTION)
    assert entry.user == world["users"]["admin"]


def test_the_preview_shows_the_edited_answer_inside_a_treatment_page(world):
    question = world["question"]
    editor = client_for(world, "editor")
    url = f"/admin/snippets/treatments/question/preview/{question.pk}/"
    data = nested_form_data(
        {"question": question.question, "answer": rich_text(f"<p>{NEW}</p>"), "topics": ""}
    )

    assert editor.post(url, data).json()["is_valid"] is True
    html = editor.get(url).content.decode()

    assert NEW in html
    assert world["pages"][0].title in html and "template-treatment" in html
    assert Question.objects.get(pk=question.pk).answer == f"<p>{OLD}</p>"
