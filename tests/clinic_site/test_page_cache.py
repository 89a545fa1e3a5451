"""
The anonymous full-page cache (clinic_site/page_cache.py), on the real Redis.

A second anonymous visit is answered from the cache without touching the
database, with the headers a browser or CDN revalidates with; publishing,
unpublishing, moving or deleting a page and saving what a page shows bring the
fresh page on the next visit; drafts and pending comments do not empty the
cache; and nothing personal (a signed-in visit, a cookie, messages, a POST, a
preview) is ever stored or served to someone else.
"""

import time
from types import SimpleNamespace
from unittest import mock

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client

import pytest
from wagtail.models import PageViewRestriction

from blog.models import BlogComment
from clinic_site import content_cache, page_cache
from clinic_site.breaker import BreakerConnection
from tests.blog.factories import AuthorFactory, CategoryFactory, make_blog, make_post
from tests.clinic_site.factories import make_page

pytestmark = [pytest.mark.django_db, pytest.mark.redis]


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.CLINIC_PAGE_CACHE_TIMEOUT = 600
    settings.CLINIC_FRAGMENT_CACHE_TIMEOUT = 600
    settings.CLINIC_PAGE_CACHE_MAX_AGE = 60
    settings.CLINIC_PAGE_CACHE_S_MAXAGE = 300


@pytest.fixture
def site(clinic_settings):
    home = clinic_settings.site.root_page.specific
    blog = make_blog(home)
    author = AuthorFactory(name="Dr Ana Silva")
    skin = CategoryFactory(name="Skin care", slug="skin")
    post = make_post(
        blog, title="Botox for migraines", slug="botox", authors=[author], categories=[skin]
    )
    other = make_post(blog, title="Peels explained", slug="peels")
    return SimpleNamespace(
        home=home,
        blog=blog,
        post=post,
        other=other,
        author=author,
        skin=skin,
        clinic=clinic_settings,
    )


def visit(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code in (200, 304), (url, response.status_code)
    return response


def cached(client, url):
    """Visit `url` twice; the second answer must come from the cache."""
    visit(client, url)
    response = visit(client, url)
    assert response["X-Page-Cache"] == "hit", url
    return response


def test_a_second_anonymous_visit_is_served_without_touching_the_database(
    client, site, django_assert_num_queries
):
    first = visit(client, site.post.url)
    assert first["X-Page-Cache"] == "miss"

    with django_assert_num_queries(0):
        second = visit(client, site.post.url)

    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert "Botox for migraines" in second.content.decode()
    assert second["Content-Type"].startswith("text/html")
    assert "Content-Security-Policy" in second
    control = {part.strip() for part in second["Cache-Control"].split(",")}
    assert control == {"public", "max-age=60", "s-maxage=300"}
    assert second["ETag"] == first["ETag"]
    assert second["Last-Modified"] == first["Last-Modified"]


def packed(command):
    return b"".join(command) if isinstance(command, list | tuple) else command


def test_a_hit_on_a_page_this_process_served_before_waits_for_no_one(client, site, settings):
    """
    A process's first hit on a page reads it from Redis, one round trip with the content
    generation or none; a page this process served before comes from its memory, with
    the generation it read less than CLINIC_CONTENT_GENERATION_SECONDS ago: no round trip.
    """
    settings.CLINIC_CONTENT_GENERATION_SECONDS = 60  # this test is not about the window
    visit(client, site.post.url)
    send = BreakerConnection.send_packed_command

    with mock.patch.object(
        BreakerConnection, "send_packed_command", autospec=True, side_effect=send
    ) as sent:
        first_hit = visit(client, site.post.url)
        first_commands = [packed(call.args[1]) for call in sent.call_args_list]
        sent.reset_mock()
        next_hit = visit(client, site.post.url)
        next_commands = [packed(call.args[1]) for call in sent.call_args_list]

    assert first_hit["X-Page-Cache"] == next_hit["X-Page-Cache"] == "hit"
    assert next_hit.content == first_hit.content
    assert len(first_commands) == 1 and b"clinic_site:page:" in first_commands[0]
    assert next_commands == []


def test_a_change_another_process_made_is_served_once_the_window_has_passed(client, site, settings):
    settings.CLINIC_CONTENT_GENERATION_SECONDS = 0.2
    cached(client, site.post.url)  # this process now remembers the generation and the copy
    # Another process publishes a new title: the row changes and it replaces the
    # generation in Redis, and this process hears of neither.
    type(site.post).objects.filter(pk=site.post.pk).update(title="Botox for chronic migraine")
    cache.set(content_cache.GENERATION_KEY, "set by another process", timeout=None)
    time.sleep(0.3)

    response = visit(client, site.post.url)

    assert response["X-Page-Cache"] == "miss"
    assert "Botox for chronic migraine" in response.content.decode()


def test_a_page_another_worker_rendered_after_a_change_is_served_from_the_cache(
    client, site, monkeypatch, django_assert_num_queries
):
    cached(client, site.post.url)  # this worker now holds the old copy in memory
    site.post.title = "Botox for chronic migraine"
    site.post.save_revision().publish()
    this_worker = page_cache.recent
    monkeypatch.setattr(page_cache, "recent", page_cache.RecentCopies(this_worker.max_bytes))
    assert visit(Client(), site.post.url)["X-Page-Cache"] == "miss"  # another worker renders
    monkeypatch.setattr(page_cache, "recent", this_worker)

    with django_assert_num_queries(0):
        response = visit(client, site.post.url)

    assert response["X-Page-Cache"] == "hit"
    assert "Botox for chronic migraine" in response.content.decode()


def test_a_copy_older_than_the_timeout_is_rendered_again(client, site):
    cached(client, site.post.url)
    later = time.time() + 601

    with mock.patch.object(page_cache, "time", SimpleNamespace(time=lambda: later)):
        response = visit(client, site.post.url)

    assert response["X-Page-Cache"] == "miss"


def test_copies_kept_in_memory_stay_within_their_budget():
    recent = page_cache.RecentCopies(max_bytes=100)
    for name in ("a", "b", "c"):
        recent.keep(name, {"content": b"x" * 40})
    recent.keep("huge", {"content": b"x" * 101})

    assert recent.get("a") is None and recent.get("huge") is None
    assert recent.get("b") and recent.get("c")
    assert recent.size == 80


def test_a_head_request_gets_the_cached_page_headers_without_its_body(client, site):
    first = visit(client, site.post.url)

    head = client.head(site.post.url)

    assert head.status_code == 200
    assert head["X-Page-Cache"] == "hit"
    assert head.content == b""
    assert head["Content-Length"] == str(len(first.content))
    assert head["ETag"] == first["ETag"]
    assert head["Content-Type"] == first["Content-Type"]


def test_feeds_and_the_sitemap_are_cached_too(client, site, django_assert_num_queries):
    for url in (
        site.blog.route_url("feed_rss"),
        site.blog.route_url("feed_atom"),
        "/sitemap.xml",
        "/sitemap-pages.xml",
    ):
        first = visit(client, url)
        with django_assert_num_queries(0):
            second = visit(client, url)
        assert second["X-Page-Cache"] == "hit", url
        assert second.content == first.content
        assert second["Content-Type"] == first["Content-Type"]


def test_a_browser_revalidating_its_copy_gets_not_modified(client, site):
    first = visit(client, site.post.url)

    by_etag = visit(client, site.post.url, HTTP_IF_NONE_MATCH=first["ETag"])
    by_date = visit(client, site.post.url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    changed = visit(client, site.post.url, HTTP_IF_NONE_MATCH='"something-else"')

    assert by_etag.status_code == 304 and by_etag.content == b""
    assert by_date.status_code == 304
    assert changed.status_code == 200 and b"Botox for migraines" in changed.content


def test_publishing_a_change_shows_on_the_page_its_index_and_the_home_page(client, site):
    for url in (site.post.url, site.blog.url, "/", site.blog.route_url("feed_rss")):
        cached(client, url)

    site.post.title = "Botox for chronic migraine"
    site.post.save_revision().publish()

    for url in (site.post.url, site.blog.url, site.blog.route_url("feed_rss")):
        assert "Botox for chronic migraine" in visit(client, url).content.decode(), url


def test_an_unpublished_article_leaves_its_page_the_index_and_the_sitemap(client, site):
    for url in (site.post.url, site.blog.url, "/sitemap-pages.xml"):
        cached(client, url)

    site.post.unpublish()

    assert client.get(site.post.url).status_code == 404
    assert "Botox for migraines" not in visit(client, site.blog.url).content.decode()
    assert "/blog/botox/" not in visit(client, "/sitemap-pages.xml").content.decode()


def test_a_deleted_article_leaves_the_index(client, site):
    cached(client, site.blog.url)

    site.other.delete()

    assert "Peels explained" not in visit(client, site.blog.url).content.decode()
    assert client.get("/blog/peels/").status_code == 404


def test_a_moved_page_is_found_at_its_new_address(client, site):
    about = make_page(site.home, title="About us", slug="about")
    cached(client, about.url)
    cached(client, "/")

    about.move(site.blog, pos="last-child")

    old = client.get("/about/")
    assert old.status_code == 301 and old["Location"] == "/blog/about/"
    assert "About us" in visit(client, "/blog/about/").content.decode()


@pytest.mark.parametrize(
    ("change", "url", "expected"),
    [
        ("author", "post", "Dr Ana Silva-Jones"),
        ("category", "category", "Skin and hair care"),
        ("clinic", "home", "+44 161 496 1234"),
    ],
)
def test_saving_what_a_page_shows_shows_on_the_next_visit(client, site, change, url, expected):
    address = {
        "post": site.post.url,
        "category": site.blog.route_url("category", "skin"),
        "home": "/",
    }[url]
    cached(client, address)

    if change == "author":
        site.author.name = "Dr Ana Silva-Jones"
        site.author.save()
    elif change == "category":
        site.skin.name = "Skin and hair care"
        site.skin.save()
    else:
        site.clinic.phone = "+44 161 496 1234"
        site.clinic.save()

    assert expected in visit(client, address).content.decode()


def test_drafts_and_pending_comments_leave_the_cached_pages_in_place(client, site):
    cached(client, site.post.url)

    site.post.title = "A draft title nobody sees yet"
    site.post.save_revision()
    BlogComment.objects.create(
        post=site.post, name="Reader", email="reader@example.org", body="Thanks!"
    )

    again = visit(client, site.post.url)
    assert again["X-Page-Cache"] == "hit"
    assert "A draft title nobody sees yet" not in again.content.decode()


def test_a_signed_in_visit_is_never_stored_nor_served_from_the_cache(client, site):
    editor = get_user_model().objects.create_superuser("editor", "editor@example.org", "x")
    signed_in = Client()
    signed_in.force_login(editor)
    cached(client, site.post.url)

    own = signed_in.get(site.post.url)

    assert "X-Page-Cache" not in own
    assert "private" in own["Cache-Control"]
    # What the editor saw (Wagtail's user bar for them) never reaches anyone else.
    assert b"wagtail-userbar" in own.content
    assert b"wagtail-userbar" not in visit(client, site.post.url).content

    fresh = Client()
    signed_in.get(site.other.url)  # first visit of this page is the editor's
    first_anonymous = fresh.get(site.other.url)
    assert first_anonymous["X-Page-Cache"] == "miss"
    assert b"wagtail-userbar" not in first_anonymous.content


def test_a_visitor_with_a_session_gets_their_own_page(client, site):
    cached(client, site.post.url)
    client.cookies["sessionid"] = "someone-elses-session"

    assert "X-Page-Cache" not in visit(client, site.post.url)


def test_a_page_whose_answer_sets_a_cookie_is_never_stored(client, site):
    private = make_page(site.home, title="Staff notes", slug="staff")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="letmein"
    )

    first = visit(client, private.url)
    second = Client().get(private.url)

    assert "csrftoken" in first.cookies  # the password form's CSRF token
    assert first.get("X-Page-Cache") is None and "private" in first["Cache-Control"]
    assert "X-Page-Cache" not in second
    assert second.cookies["csrftoken"].value != first.cookies["csrftoken"].value


def test_messages_are_shown_only_to_the_reader_they_belong_to(client, site):
    cached(client, site.post.url)

    sent = client.post(
        site.post.url + "comment/",
        {"name": "Sam", "email": "sam@example.org", "body": "Very clear, thank you."},
        follow=True,
    )

    assert "Your comment will appear once" in sent.content.decode()
    assert sent.redirect_chain, "the comment form redirects back to the article"
    assert "Your comment will appear once" not in Client().get(site.post.url).content.decode()
    assert BlogComment.objects.filter(post=site.post, name="Sam").exists()


def test_a_post_is_never_answered_from_the_cache(client, site):
    cached(client, site.post.url)

    response = client.post(site.post.url + "comment/", {"name": "", "body": ""})

    assert "X-Page-Cache" not in response
    assert "Please check the form below" in response.content.decode()


def test_a_preview_is_never_stored(client, admin_client, site):
    site.post.title = "Draft shown in preview only"
    revision = site.post.save_revision()

    preview = admin_client.get(f"/admin/pages/{site.post.pk}/revisions/{revision.pk}/view/")
    anonymous = visit(client, site.post.url)

    assert "Draft shown in preview only" in preview.content.decode()
    assert anonymous["X-Page-Cache"] == "miss"
    assert "Draft shown in preview only" not in anonymous.content.decode()


def test_search_and_the_api_are_not_cached(client, site):
    for url in ("/search/?q=botox", f"/api/v2/pages/{site.post.pk}/"):
        client.get(url)
        assert "X-Page-Cache" not in client.get(url), url


def test_a_view_left_out_of_the_setting_is_no_longer_cached(client, site, settings):
    cached(client, site.post.url)

    settings.CLINIC_PAGE_CACHE_VIEWS = ["sitemap"]

    assert "X-Page-Cache" not in visit(client, site.post.url)
    assert "X-Page-Cache" not in visit(client, site.post.url)


def test_with_the_cache_off_pages_carry_no_cache_headers(client, site, settings):
    settings.CLINIC_PAGE_CACHE_TIMEOUT = 0

    response = visit(client, site.post.url)

    assert "X-Page-Cache" not in response
    assert "ETag" not in response
