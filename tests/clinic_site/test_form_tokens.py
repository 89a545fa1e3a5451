"""
Forms on pages served from the shared page cache: the cached copy carries no
CSRF token; the visitor's browser fetches one (clinic_site/form_tokens.py); a
form sent without one is shown again with the visitor's words kept, or a page
with the clinic's phone number, never a bare 403. CSRF checks are on
(`enforce_csrf_checks`), as in a browser.
"""

import re

from django.test import Client

import pytest

from blog.models import BlogComment
from tests.blog.factories import make_blog, make_post

pytestmark = [pytest.mark.django_db, pytest.mark.redis]

CSRF_INPUT = re.compile(r'<input type="hidden" name="csrfmiddlewaretoken" value="([^"]*)"')
SCRIPT_SOURCES = re.compile(r'<script[^>]* src="([^"]+)"')


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.CLINIC_PAGE_CACHE_TIMEOUT = 600
    settings.CLINIC_FRAGMENT_CACHE_TIMEOUT = 600


@pytest.fixture
def post(clinic_settings):
    blog = make_blog(clinic_settings.site.root_page)
    return make_post(blog, title="Fillers: what to expect", slug="fillers")


@pytest.fixture
def browser():
    return Client(enforce_csrf_checks=True)


def comment(**overrides):
    return {
        "name": "Robin",
        "email": "robin@example.org",
        "body": "Does the swelling go down within a week?",
        **overrides,
    }


def test_an_article_is_cached_with_an_empty_token_and_its_own_script(browser, post):
    first = browser.get(post.url)
    second = Client().get(post.url)

    html = second.content.decode()
    assert first["X-Page-Cache"] == "miss" and second["X-Page-Cache"] == "hit"
    assert "csrftoken" not in first.cookies
    assert CSRF_INPUT.findall(html) == [""]
    assert 'data-form-tokens="/blog/fillers/form-tokens/"' in html
    assert SCRIPT_SOURCES.findall(html) == ["/static/clinic_site/js/form-tokens.js"]


def test_the_token_address_gives_each_visitor_their_own_token_and_is_never_cached(post):
    one, other = Client().get(post.url + "form-tokens/"), Client().get(post.url + "form-tokens/")

    assert one.status_code == 200
    assert one.json()["csrfmiddlewaretoken"] != other.json()["csrfmiddlewaretoken"]
    assert "csrftoken" in one.cookies
    assert "no-store" in one["Cache-Control"]
    assert "X-Page-Cache" not in other
    assert Client().post(post.url + "form-tokens/").status_code == 405  # it only answers GET


def test_a_comment_sent_with_the_fetched_token_is_stored(browser, post):
    browser.get(post.url)
    token = browser.get(post.url + "form-tokens/").json()["csrfmiddlewaretoken"]

    response = browser.post(
        post.url + "comment/", {**comment(), "csrfmiddlewaretoken": token}, follow=True
    )

    assert response.status_code == 200
    assert "Your comment will appear once" in response.content.decode()
    assert BlogComment.objects.filter(post=post, name="Robin", status="pending").exists()


def test_a_comment_sent_without_a_token_is_shown_again_with_the_readers_words(browser, post):
    browser.get(post.url)  # the cached copy: no token, no cookie

    refused = browser.post(post.url + "comment/", comment())

    html = refused.content.decode()
    assert refused.status_code == 403
    assert "For your security your comment was not sent yet" in html
    assert "Does the swelling go down within a week?" in html
    assert "no-store" in refused["Cache-Control"]
    assert not BlogComment.objects.exists()
    (token,) = CSRF_INPUT.findall(html)
    assert token

    again = browser.post(post.url + "comment/", {**comment(), "csrfmiddlewaretoken": token})

    assert again.status_code == 302
    assert BlogComment.objects.filter(post=post, name="Robin").count() == 1


def test_other_forms_without_a_token_get_a_page_with_the_clinics_phone(browser, post):
    refused = browser.post("/", {"anything": "x"})

    html = refused.content.decode()
    assert refused.status_code == 403
    assert "Please try again" in html
    assert 'href="tel:+441614960000"' in html
    assert "no-store" in refused["Cache-Control"]


def test_the_honeypot_and_rate_limit_still_hold_on_a_cached_article(browser, post, settings):
    settings.BLOG_COMMENTS_RATE_LIMIT = 2
    browser.get(post.url)
    token = browser.get(post.url + "form-tokens/").json()["csrfmiddlewaretoken"]
    send = {**comment(), "csrfmiddlewaretoken": token}

    bot = browser.post(post.url + "comment/", {**send, "website": "http://spam.example"})
    answers = [browser.post(post.url + "comment/", send).status_code for _ in range(3)]

    assert bot.status_code == 302
    assert answers[-1] == 429
    assert BlogComment.objects.filter(name="Robin").count() == 2
