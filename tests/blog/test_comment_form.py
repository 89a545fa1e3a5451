"""A project's own comment form (`BLOG_COMMENT_FORM`, `get_comment_form_class()`)."""

from django import forms
from django.test import override_settings

import pytest

from blog.checks import check_comment_form
from blog.forms import CommentForm
from blog.models import BlogComment
from tests.blog.factories import make_post

pytestmark = pytest.mark.django_db

GOOD = {"name": "Maria", "email": "maria@example.org", "body": "Does it hurt?"}
FORM_PATH = "tests.blog.test_comment_form.HouseRulesCommentForm"


class HouseRulesCommentForm(CommentForm):
    """The example of docs/install.md: readers agree to the house rules."""

    house_rules = forms.BooleanField(
        label="I have read the house rules",
        help_text="Be kind; no advertising; no personal health details.",
    )


@pytest.fixture
def post(blog):
    return make_post(blog, title="Botox for migraines", slug="botox-for-migraines")


def submit(client, post, **changes):
    return client.post(f"{post.url}comment/", {**GOOD, **changes}, REMOTE_ADDR="203.0.113.9")


@override_settings(BLOG_COMMENT_FORM=FORM_PATH)
def test_the_projects_form_shows_its_field_with_label_help_and_required_mark(client, post):
    html = client.get(post.url).content.decode()

    field = html.split('id="comment-house_rules"', 1)
    assert len(field) == 2
    assert "I have read the house rules" in html
    assert "Be kind; no advertising" in html
    label = html.split('for="comment-house_rules"', 1)[1].split("</label>", 1)[0]
    assert "(required)" in label
    # After the comment, and never inside the honeypot.
    assert html.index('id="comment-body"') < html.index('id="comment-house_rules"')
    trap = html.split('class="comment-form__trap"', 1)[1].split("</div>", 1)[0]
    assert "house_rules" not in trap


@override_settings(BLOG_COMMENT_FORM=FORM_PATH)
def test_the_projects_form_refuses_a_comment_without_its_field_and_stores_nothing(client, post):
    response = submit(client, post)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Your comment was not sent" in html
    assert "This field is required." in html
    assert "Does it hurt?" in html  # what they typed is kept
    assert not BlogComment.objects.exists()


@override_settings(BLOG_COMMENT_FORM=FORM_PATH)
def test_the_projects_form_stores_a_comment_that_fills_its_field(client, post):
    response = submit(client, post, house_rules="on")

    assert response.status_code == 302
    comment = BlogComment.objects.get()
    assert (comment.name, comment.body, comment.status) == ("Maria", "Does it hurt?", "pending")


@pytest.mark.parametrize(
    ("path", "error_id"),
    [
        ("tests.blog.test_comment_form.NoSuchForm", "blog.E006"),
        ("comment_form", "blog.E006"),
        ("django.forms.Form", "blog.E007"),
        ("tests.blog.test_comment_form.GOOD", "blog.E007"),
    ],
)
def test_a_comment_form_setting_that_cannot_serve_readers_is_reported(path, error_id):
    with override_settings(BLOG_COMMENT_FORM=path):
        (error,) = check_comment_form(None)

    assert error.id == error_id
    assert "BLOG_COMMENT_FORM" in error.msg
    assert "CommentForm" in error.hint


@override_settings(BLOG_COMMENT_FORM=FORM_PATH)
def test_a_subclass_of_the_comment_form_passes_the_check():
    assert check_comment_form(None) == []


def test_a_refused_comment_opens_on_a_focused_summary_linking_to_each_field(client, post):
    response = submit(client, post, body="")

    html = response.content.decode()
    summary = html.split('id="comment-errors"', 1)[1].split("</div>", 1)[0]
    assert 'tabindex="-1" autofocus' in summary
    assert '<a href="#comment-body">' in summary
    assert html.count("autofocus") == 1
    assert not BlogComment.objects.exists()
