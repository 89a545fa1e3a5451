"""
Finding the page for an address from the content cache (clinic_site/routing.py),
on the real Redis, with the page cache and the rendered fragments off.

A second visit to an article costs no query for the site, its root page, the
pages on the address or the article itself; a page whose address changes (a new slug, a move), an
unpublished page and a newly published one are found where they now are on the
next visit, as is a changed site hostname or root page; only addresses some
page has are kept (not a mistyped one, nor a blog index's own route); and a
host no site names is served as Wagtail serves it.
"""

from types import SimpleNamespace

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Site

from clinic_site.models import StandardPage
from tests.blog.factories import AuthorFactory, CategoryFactory, make_blog, make_post
from tests.caches import own_keys
from tests.clinic_site.factories import make_page

pytestmark = [pytest.mark.django_db, pytest.mark.redis]


@pytest.fixture
def site(clinic_settings):
    home = clinic_settings.site.root_page.specific
    blog = make_blog(home)
    skin = CategoryFactory(name="Skin care", slug="skin")
    post = make_post(
        blog,
        title="Botox for migraines",
        slug="botox",
        authors=[AuthorFactory(name="Dr Ana Silva")],
        categories=[skin],
    )
    return SimpleNamespace(home=home, blog=blog, post=post, site=clinic_settings.site)


def visit(client, url, status=200, **headers):
    response = client.get(url, **headers)
    assert response.status_code == status, (url, response.status_code)
    return response


def routing_queries(queries):
    """The queries that find the site, its root page and the pages on an address."""
    return [
        query["sql"]
        for query in queries
        if '"wagtailcore_site"' in query["sql"] or '"url_path" IN' in query["sql"]
    ]


def routing_keys(kind="pages"):
    return [key for key in own_keys(cache) if f":routing:{kind}:".encode() in key]


def test_a_second_visit_to_an_article_finds_it_without_routing_queries(
    client, site, django_assert_num_queries
):
    with CaptureQueriesContext(connection) as first:
        visit(client, site.post.url)
    # The site with its root page, the pages on the address, then the article itself.
    assert len(routing_queries(first.captured_queries)) == 2

    with CaptureQueriesContext(connection) as second:
        response = visit(client, site.post.url)

    assert routing_queries(second.captured_queries) == []
    assert len(second.captured_queries) < len(first.captured_queries)
    # Not even the article: as its type with what its template shows, it is kept too.
    with django_assert_num_queries(0):
        again = visit(client, site.post.url)
    assert "Botox for migraines" in response.content.decode()
    assert "Botox for migraines" in again.content.decode()
    assert len(routing_keys("pages")) == 1 and len(routing_keys("site")) == 1
    assert len(routing_keys("page")) == 1


def test_a_new_slug_moves_the_article_at_once(client, site):
    visit(client, site.post.url)

    site.post.slug = "botox-for-migraines"
    site.post.save_revision().publish()

    visit(client, "/blog/botox/", status=404)
    assert "Botox for migraines" in visit(client, "/blog/botox-for-migraines/").content.decode()


def test_a_moved_article_is_found_under_its_new_parent_at_once(client, site):
    news = make_blog(site.home, title="News", slug="news")
    visit(client, site.post.url)
    visit(client, news.url)

    site.post.move(news, pos="last-child")

    old = client.get("/blog/botox/")
    assert old.status_code == 301 and old["Location"] == "/news/botox/"
    assert "Botox for migraines" in visit(client, "/news/botox/").content.decode()


def test_a_moved_article_with_no_redirect_left_is_not_found_at_its_old_address(client, site):
    news = make_blog(site.home, title="News", slug="news")
    visit(client, site.post.url)

    site.post.move(news, pos="last-child")
    Redirect.objects.all().delete()

    visit(client, "/blog/botox/", status=404)
    visit(client, "/news/botox/")


def test_an_unpublished_article_is_gone_at_once(client, site):
    visit(client, site.post.url)
    visit(client, site.post.url)

    site.post.unpublish()

    visit(client, site.post.url, status=404)


def test_an_article_published_under_the_blog_is_found_at_once(client, site):
    visit(client, site.blog.url)
    visit(client, "/blog/peels/", status=404)  # asked for before it exists

    make_post(site.blog, title="Peels explained", slug="peels")

    assert "Peels explained" in visit(client, "/blog/peels/").content.decode()


def test_a_draft_article_is_not_found_until_it_is_published(client, site):
    draft = make_post(site.blog, title="Peels explained", slug="peels", publish=False)
    visit(client, "/blog/peels/", status=404)

    draft.save_revision().publish()

    assert "Peels explained" in visit(client, "/blog/peels/").content.decode()


def test_a_site_given_a_new_hostname_answers_for_it_on_the_next_request(client, site):
    root = Page.get_first_root_node()
    other_home = make_page(root, model=StandardPage, title="Second clinic", slug="second")
    other = Site.objects.create(hostname="other.example", port=80, root_page=other_home)
    # No site is called 127.0.0.1: the default site answers for it.
    assert "Second clinic" not in visit(client, "/", HTTP_HOST="127.0.0.1").content.decode()
    visit(client, site.post.url, HTTP_HOST="127.0.0.1")

    other.hostname = "127.0.0.1"
    other.save()

    assert "Second clinic" in visit(client, "/", HTTP_HOST="127.0.0.1").content.decode()
    visit(client, site.post.url, HTTP_HOST="127.0.0.1", status=404)
    visit(client, site.post.url)  # the default site still has the article


def test_a_new_root_page_for_the_site_answers_on_the_next_request(client, site):
    root = Page.get_first_root_node()
    other_home = make_page(root, model=StandardPage, title="Second clinic", slug="second")
    make_page(other_home, model=StandardPage, title="Our rooms", slug="rooms")
    visit(client, "/")
    visit(client, site.post.url)
    visit(client, "/rooms/", status=404)

    site.site.root_page = other_home
    site.site.save()

    assert "Second clinic" in visit(client, "/").content.decode()
    assert "Our rooms" in visit(client, "/rooms/").content.decode()
    visit(client, site.post.url, status=404)


def test_only_addresses_of_pages_are_kept(client, site):
    visit(client, "/blog/no-such-article/", status=404)
    visit(client, "/blog/botox/no-such-part/", status=404)
    visit(client, "/no-such-section/botox/", status=404)
    category = visit(client, site.blog.route_url("category", "skin"))

    assert category.request["PATH_INFO"] == "/blog/category/skin/"
    assert "Botox for migraines" in category.content.decode()
    assert routing_keys("pages") == []

    visit(client, site.post.url)

    assert len(routing_keys("pages")) == 1


def test_an_articles_own_routes_are_still_answered_after_its_address_is_kept(client, site):
    visit(client, site.post.url)

    tokens = visit(client, site.post.url + "form-tokens/")
    comment = client.get(site.post.url + "comment/")

    assert "csrfmiddlewaretoken" in tokens.json()
    assert comment.status_code == 302 and comment["Location"] == site.post.url


def test_a_host_no_site_names_is_served_by_the_default_site_or_not_at_all(client, site):
    assert not Site.objects.filter(hostname="127.0.0.1").exists()
    page = visit(client, site.post.url, HTTP_HOST="127.0.0.1")
    assert "Botox for migraines" in page.content.decode()
    visit(client, site.post.url, HTTP_HOST="127.0.0.1")

    site.site.is_default_site = False
    site.site.save()

    visit(client, site.post.url, HTTP_HOST="127.0.0.1", status=404)
    visit(client, "/", HTTP_HOST="127.0.0.1", status=404)
    visit(client, site.post.url, HTTP_HOST=site.site.hostname)  # its own hostname still

    site.site.is_default_site = True
    site.site.save()

    assert (
        "Botox for migraines"
        in visit(client, site.post.url, HTTP_HOST="127.0.0.1").content.decode()
    )
