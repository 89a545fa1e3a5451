"""Readers' comments: submit, moderate, show; and what keeps spam and personal data out."""

from django.test import override_settings

import pytest

from blog.models import BlogComment
from tests.blog.factories import CommentFactory, make_post

pytestmark = pytest.mark.django_db

GOOD = {"name": "Maria", "email": "maria.private@example.org", "body": "Does it hurt?"}


@pytest.fixture
def post(blog):
    return make_post(blog, title="Botox for migraines", slug="botox-for-migraines")


def submit(client, post, **changes):
    return client.post(f"{post.url}comment/", {**GOOD, **changes}, REMOTE_ADDR="203.0.113.9")


def test_a_comment_is_stored_as_pending_and_shown_only_after_approval(client, post):
    response = submit(client, post)

    assert response.status_code == 302
    assert response["Location"] == "/blog/botox-for-migraines/#comments"
    comment = BlogComment.objects.get()
    assert comment.status == BlogComment.Status.PENDING
    assert (comment.name, comment.body, comment.post_id) == ("Maria", "Does it hurt?", post.pk)

    html = client.get(post.url).content.decode()
    assert "will appear once a member of our team has approved it" in html
    assert "Does it hurt?" not in html

    comment.status = BlogComment.Status.APPROVED
    comment.save()
    html = client.get(post.url).content.decode()
    assert "Does it hurt?" in html
    assert "1 comment" in html


def test_the_email_address_is_never_rendered(client, post):
    submit(client, post)
    BlogComment.objects.update(status=BlogComment.Status.APPROVED)

    for url in [post.url, "/blog/", "/blog/feed/rss/", "/blog/feed/atom/", "/"]:
        assert "maria.private@example.org" not in client.get(url).content.decode(), url


def test_the_raw_ip_address_is_not_stored(client, post):
    submit(client, post)

    comment = BlogComment.objects.get()
    assert comment.ip_hash and "203.0.113.9" not in comment.ip_hash


def test_approved_comments_are_shown_oldest_first(client, post):
    CommentFactory(post=post, body="Second comment", created_at="2026-02-02T10:00Z")
    CommentFactory(post=post, body="First comment", created_at="2026-02-01T10:00Z")
    CommentFactory(post=post, body="Rejected comment", status="rejected")
    CommentFactory(post=post, body="Spam comment", status="spam")

    html = client.get(post.url).content.decode()

    assert html.index("First comment") < html.index("Second comment")
    assert "Rejected comment" not in html and "Spam comment" not in html
    assert "2 comments" in html


def test_bad_input_reshows_the_form_with_values_and_linked_errors(client, post):
    response = submit(client, post, email="not-an-address", body="")

    assert response.status_code == 200
    html = response.content.decode()
    assert not BlogComment.objects.exists()
    assert 'value="Maria"' in html
    assert 'value="not-an-address"' in html
    assert "Enter a valid email address." in html
    assert 'id="comment-email_error"' in html
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="comment-email_helptext comment-email_error"' in html
    assert "Your comment was not sent." in html


def test_the_form_marks_required_fields_and_says_comments_are_moderated(client, post):
    html = client.get(post.url).content.decode()

    assert "Leave a reply" in html
    assert '<label for="comment-name">Name <span class="required-mark"' in html
    assert html.count('<span class="visually-hidden">(required)</span>') == 3
    assert "Your e-mail address will not be published." in html
    assert "Please do not share personal health details" in html


def test_a_filled_in_honeypot_is_thanked_but_not_stored(client, post):
    response = submit(client, post, website="http://spam.example")

    assert response.status_code == 302
    assert not BlogComment.objects.exists()


@override_settings(BLOG_COMMENTS_RATE_LIMIT=2)
def test_too_many_comments_from_one_address_are_refused_with_values_kept(client, post):
    assert submit(client, post).status_code == 302
    assert submit(client, post).status_code == 302

    response = submit(client, post, body="A third question")

    assert response.status_code == 429
    html = response.content.decode()
    assert "Please try again later." in html
    assert "A third question" in html
    assert BlogComment.objects.count() == 2
    other = client.post(f"{post.url}comment/", GOOD, REMOTE_ADDR="198.51.100.4")
    assert other.status_code == 302


def test_comments_closed_on_one_article_are_refused(client, blog):
    closed = make_post(blog, comments_open=False)
    CommentFactory(post=closed, body="An earlier approved comment")

    response = submit(client, closed)
    html = client.get(closed.url).content.decode()

    assert response.status_code == 302
    assert not BlogComment.objects.exclude(body="An earlier approved comment").exists()
    assert "Comments are closed on this article." in html
    assert "An earlier approved comment" in html
    assert "Leave a reply" not in html


@override_settings(BLOG_COMMENTS_ENABLED=False)
def test_the_global_switch_closes_comments_everywhere(client, post):
    response = submit(client, post)

    assert response.status_code == 302
    assert not BlogComment.objects.exists()
    assert "Leave a reply" not in client.get(post.url).content.decode()


def test_getting_the_comment_address_redirects_to_the_article(client, post):
    response = client.get(f"{post.url}comment/")

    assert response.status_code == 302
    assert response["Location"] == post.url


def test_comments_are_not_in_the_search_index(client, post):
    from wagtail.search.index import class_is_indexed

    CommentFactory(post=post, body="Uniquezebraword")

    assert not class_is_indexed(BlogComment)
    html = client.get("/search/?q=Uniquezebraword").content.decode()
    assert "No pages match" in html


PROXY = "10.0.0.2"
TOO_MANY = "You have sent several comments in a short time. Please try again later."


@override_settings(CLINIC_PROXY_COUNT=1)
def test_behind_a_proxy_200_readers_in_an_hour_can_all_comment(client, post):
    statuses = {
        client.post(
            f"{post.url}comment/",
            {**GOOD, "body": f"Question number {n}"},
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=f"198.51.{100 + n // 250}.{n % 250 + 1}",
        ).status_code
        for n in range(200)
    }

    assert statuses == {302}
    assert BlogComment.objects.count() == 200


@override_settings(CLINIC_PROXY_COUNT=1, BLOG_COMMENTS_RATE_LIMIT=2)
def test_behind_a_proxy_the_same_reader_over_the_limit_is_refused(client, post):
    def send(forged):
        return client.post(
            f"{post.url}comment/",
            {**GOOD, "body": f"From {forged}"},
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=f"{forged}, 203.0.113.9",
        )

    assert send("1.1.1.1").status_code == 302
    assert send("2.2.2.2").status_code == 302
    refused = send("3.3.3.3")

    assert refused.status_code == 429
    assert TOO_MANY in refused.content.decode()
    assert BlogComment.objects.count() == 2


@override_settings(BLOG_COMMENTS_RATE_LIMIT=2)
def test_without_a_proxy_setting_a_forged_header_changes_nothing(client, post):
    def send(forged):
        return client.post(
            f"{post.url}comment/",
            {**GOOD, "body": f"From {forged}"},
            REMOTE_ADDR="203.0.113.9",
            HTTP_X_FORWARDED_FOR=forged,
        )

    assert send("1.1.1.1").status_code == 302
    assert send("2.2.2.2").status_code == 302

    assert send("3.3.3.3").status_code == 429
    assert BlogComment.objects.count() == 2
