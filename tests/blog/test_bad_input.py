"""
Bad input at the blog: the comment form and the article lists' addresses and
parameters. Never a server error; a comment is stored once, cleaned, or
explained and kept in the form.
"""

from urllib.parse import quote

from django.test import Client

import pytest
from hypothesis import given
from hypothesis import strategies as st

from blog.models import BlogComment
from clinic_site.text import clean_text
from tests.blog.factories import CategoryFactory, make_blog, make_post
from tests.clinic_site.factories import make_clinic_settings, make_home_page
from tests.strategies import bounded, has_unsafe_characters, isolated, query_values, text

pytestmark = pytest.mark.django_db

GOOD = {"name": "Maria", "email": "maria.private@example.org", "body": "Does it hurt?"}


@pytest.fixture(scope="module")
def post(module_db):
    home = make_home_page()
    make_clinic_settings()
    blog = make_blog(home)
    return make_post(
        blog,
        title="Botox for migraines",
        slug="botox-for-migraines",
        categories=[CategoryFactory(name="Injectables", slug="injectables")],
        tags=["botox"],
    )


@pytest.fixture
def client():
    return Client(raise_request_exception=False)


def comment(client, post, **changes):
    return client.post(f"{post.url}comment/", {**GOOD, **changes}, REMOTE_ADDR="203.0.113.9")


def test_control_characters_are_removed_from_a_comment_and_line_breaks_kept(client, post):
    response = comment(
        client,
        post,
        name="Ma\x00ria\x1b",
        email="maria.private\x00@example.org",
        body="Does it hurt?\r\n\r\nAnd how long\x07 does it last?\x00",
    )

    assert response.status_code == 302
    stored = BlogComment.objects.get()
    assert (stored.name, stored.email) == ("Maria", "maria.private@example.org")
    assert stored.body == "Does it hurt?\n\nAnd how long does it last?"


def test_a_comment_of_control_characters_only_is_explained_and_the_name_kept(client, post):
    response = comment(client, post, body="\x00\x1b\x07")

    html = response.content.decode()
    assert response.status_code == 200
    assert not BlogComment.objects.exists()
    assert 'id="comment-body_error"' in html
    assert 'value="Maria"' in html
    assert "Your comment was not sent." in html


@pytest.mark.parametrize(
    "path",
    [
        "category/%00/",
        "tag/%00/",
        "tag/%1B%5B0m/",
        "archive/2026/%00/",
        "archive/99999999999999999999/1/",
        "archive/2026/13/",
        "?page=%00",
        "?page=99999999999999999999",
    ],
)
def test_a_bad_list_address_is_not_found_or_the_first_page(client, post, path):
    response = client.get(f"/blog/{path}")

    assert response.status_code in (200, 404)
    if response.status_code == 200:
        assert "Botox for migraines" in response.content.decode()


# Properties ------------------------------------------------------------------


@bounded(max_examples=40)
@given(
    changes=st.dictionaries(
        st.sampled_from(["name", "email", "body", "website"]),
        st.one_of(query_values(), st.lists(text(), max_size=2)),
        max_size=3,
    )
)
def test_any_comment_is_stored_once_or_explained_never_a_server_error(post, changes):
    with isolated():
        response = comment(Client(raise_request_exception=False), post, **changes)

        assert response.status_code in (200, 302), response.status_code
        stored = list(BlogComment.objects.all())
        if response.status_code == 302:
            # The honeypot counts as filled in when something is left once cleaned.
            website = changes.get("website", "")
            website = website[-1] if isinstance(website, list) and website else website
            assert len(stored) == (0 if clean_text(website or "").strip() else 1)
            for item in stored:
                assert not any(has_unsafe_characters(v) for v in (item.name, item.email, item.body))
        else:
            assert stored == []
            assert "Your comment was not sent." in response.content.decode()


@bounded(max_examples=40)
@given(
    route=st.sampled_from(["category/{}/", "tag/{}/", "archive/{}/{}/", "?page={}", "{}/"]),
    values=st.lists(st.one_of(text(), query_values()), min_size=2, max_size=2),
)
def test_any_list_address_answers_without_a_server_error(post, route, values):
    path = route.format(*(quote(value, safe="") for value in values))
    with isolated():
        response = Client(raise_request_exception=False).get(f"/blog/{path}")

        assert response.status_code in (200, 301, 302, 404), (path, response.status_code)
