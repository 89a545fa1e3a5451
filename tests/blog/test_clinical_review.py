"""
The clinical review, as staff meet it on an article: an editor submits it, only a
clinical reviewer's approval publishes it with their name and the day, an edit
sends it back, and an administrator's publishing past it is logged and claims no
review.
"""

import datetime
import json
import re

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

import pytest
from wagtail.models import PageLogEntry, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from blog.models import BlogPostPage
from clinic_site.review import BYPASS_ACTION, content_hash
from tests.blog.factories import AuthorFactory, make_blog, make_post
from tests.clinic_site.factories import make_clinic_settings, make_home_page

pytestmark = pytest.mark.django_db

MESSAGE = "Medically reviewed by"


@pytest.fixture(scope="module")
def world(module_db):
    """A blog with one draft article, and a member of each role involved: built once."""
    home = make_home_page()
    make_clinic_settings()
    blog = make_blog(home)
    post = make_post(blog, title="Botox for migraines", slug="botox", publish=False)
    users = {}
    for key, group in [
        ("editor", "Marketing editor"),
        ("reviewer", "Clinical reviewer"),
        ("unlinked_reviewer", "Clinical reviewer"),
        ("moderator", "Moderators"),
    ]:
        users[key] = get_user_model().objects.create_user(key)
        users[key].groups.add(Group.objects.get(name=group))
    users["admin"] = get_user_model().objects.create_superuser("admin", "admin@example.org")
    author = AuthorFactory(name="Dr Ana Silva", credentials="MD", user=users["reviewer"])
    return {"blog": blog, "post": post, "users": users, "author": author}


def client_for(world, key):
    client = Client()
    client.force_login(world["users"][key])
    return client


def form(post, paragraph="How the injections work.", **extra):
    return nested_form_data(
        {
            "title": post.title,
            "slug": post.slug,
            "intro": "What to expect.",
            "body": streamfield(
                [
                    ("heading", {"text": "How it works", "level": "h2", "anchor": ""}),
                    ("paragraph", rich_text(f"<p>{paragraph}</p>")),
                ]
            ),
            "post_authors": inline_formset([]),
            "related_treatments": inline_formset([]),
            "show_table_of_contents": "on",
            "comments_open": "on",
            **extra,
        }
    )


def edit(client, post, action, **changes):
    return client.post(
        f"/admin/pages/{post.pk}/edit/", {**form(post, **changes), action: "1"}, follow=True
    )


def approve(client, post):
    state = WorkflowState.objects.get(object_id=str(post.pk), status="in_progress")
    url = f"/admin/pages/workflow/action/{post.pk}/approve/{state.current_task_state_id}/"
    return client.post(url)


def json_ld_of_type(html, type_):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    found = []
    for block in blocks:
        data = json.loads(block)
        for obj in data if isinstance(data, list) else [data]:
            if type_ in (obj["@type"] if isinstance(obj["@type"], list) else [obj["@type"]]):
                found.append(obj)
    return found


def test_an_editor_is_offered_the_clinical_review_instead_of_publish(world):
    html = client_for(world, "editor").get(f"/admin/pages/{world['post'].pk}/edit/").content
    html = html.decode()

    assert "Submit to Clinical review" in html
    assert 'name="action-publish"' not in html


def test_an_editors_publish_keeps_a_health_page_a_draft_and_says_why(world):
    post = world["post"]

    response = edit(client_for(world, "editor"), post, "action-publish")

    assert "goes live once a clinical reviewer approves it" in response.content.decode()
    post.refresh_from_db()
    assert not post.live
    assert "How the injections work" in json.dumps(post.get_latest_revision().content)


def test_a_reviewers_approval_publishes_with_their_name_and_todays_date(world, client):
    post = world["post"]
    edit(client_for(world, "editor"), post, "action-submit")
    assert not BlogPostPage.objects.get(pk=post.pk).live

    response = approve(client_for(world, "reviewer"), post)

    assert response.status_code == 302
    post = BlogPostPage.objects.get(pk=post.pk)
    today = timezone.localdate()
    assert post.live and post.reviewer == world["author"] and post.last_reviewed == today
    html = client.get(post.url).content.decode()
    assert f"{MESSAGE} Dr Ana Silva, MD on" in html
    assert f'<time datetime="{today.isoformat()}">' in html
    (medical,) = json_ld_of_type(html, "MedicalWebPage")
    assert medical["reviewedBy"]["name"] == "Dr Ana Silva"
    assert medical["lastReviewed"] == today.isoformat()
    api = client.get(f"/api/v2/pages/{post.pk}/").json()
    assert api["reviewer"]["name"] == "Dr Ana Silva"
    assert api["last_reviewed"] == today.isoformat()


def test_an_edit_after_approval_goes_back_to_review_and_the_live_page_stays_approved(world, client):
    post = world["post"]
    editor = client_for(world, "editor")
    edit(editor, post, "action-submit")
    approve(client_for(world, "reviewer"), post)

    edit(editor, post, "action-submit", paragraph="A new claim nobody checked.")

    assert WorkflowState.objects.filter(object_id=str(post.pk), status="in_progress").exists()
    html = client.get(BlogPostPage.objects.get(pk=post.pk).url).content.decode()
    assert MESSAGE in html and "nobody checked" not in html


def test_the_reviewer_is_offered_approve_in_the_editor(world):
    post = world["post"]
    edit(client_for(world, "editor"), post, "action-submit")

    html = client_for(world, "reviewer").get(f"/admin/pages/{post.pk}/edit/").content.decode()

    assert 'data-workflow-action-name="approve"' in html


@pytest.mark.parametrize("key", ["moderator", "unlinked_reviewer", "editor"])
def test_only_a_clinical_reviewer_with_an_author_record_can_approve(world, key):
    post = world["post"]
    edit(client_for(world, "editor"), post, "action-submit")
    html = client_for(world, key).get(f"/admin/pages/{post.pk}/edit/").content.decode()

    approve(client_for(world, key), post)

    assert 'data-workflow-action-name="approve"' not in html
    post = BlogPostPage.objects.get(pk=post.pk)
    assert not post.live and post.reviewer is None
    assert WorkflowState.objects.filter(object_id=str(post.pk), status="in_progress").exists()


def test_an_administrators_publish_past_the_review_is_logged_and_claims_no_review(world, client):
    post = world["post"]
    edit(client_for(world, "editor"), post, "action-submit")
    approve(client_for(world, "reviewer"), post)

    edit(client_for(world, "admin"), post, "action-publish", paragraph="Unchecked claim.")

    post = BlogPostPage.objects.get(pk=post.pk)
    html = client.get(post.url).content.decode()
    assert "Unchecked claim." in html
    assert MESSAGE not in html
    assert not json_ld_of_type(html, "MedicalWebPage")
    entry = PageLogEntry.objects.get(page=post, action=BYPASS_ACTION)
    assert entry.user == world["users"]["admin"]


def test_an_editor_cannot_name_a_reviewer_through_the_form(world):
    post = world["post"]
    other = AuthorFactory(name="Dr Nobody")

    edit(
        client_for(world, "editor"),
        post,
        "action-save-draft",
        reviewer=str(other.pk),
        last_reviewed="2026-01-01",
    )

    draft = BlogPostPage.objects.get(pk=post.pk).get_latest_revision_as_object()
    assert draft.reviewer is None and draft.last_reviewed is None


def test_bulk_publish_by_an_editor_leaves_an_unreviewed_draft_unpublished(world, client):
    post = world["post"]
    editor = client_for(world, "editor")
    edit(editor, post, "action-submit")
    approve(client_for(world, "reviewer"), post)
    edit(editor, post, "action-save-draft", paragraph="A draft claim nobody checked.")
    url = f"/admin/bulk/wagtailcore/page/publish/?id={post.pk}&next=/admin/pages/"

    response = editor.post(url, {"include_descendants": ""}, follow=True)

    assert "need a clinical review first" in response.content.decode()
    html = client.get(BlogPostPage.objects.get(pk=post.pk).url).content.decode()
    assert "nobody checked" not in html and MESSAGE in html


def test_only_content_changes_need_a_new_review(world):
    post = BlogPostPage.objects.get(pk=world["post"].pk)
    before = content_hash(post)

    post.date, post.comments_open = datetime.date(2020, 1, 1), False
    assert content_hash(post) == before
    post.title = "Botox for chronic migraine"
    assert content_hash(post) != before
