"""
A CDN in front of the site is purged through wagtail.contrib.frontend_cache when
pages or the snippets they show change (clinic_site/cache_purge.py): the page,
what lists it (its index with the feeds, the home page) and the sitemap.
Nothing is sent when no CDN is configured.
"""

import pytest
from wagtail.contrib.frontend_cache.backends.base import BaseBackend

from tests.blog.factories import AuthorFactory, make_blog, make_post
from tests.clinic_site.factories import make_page

pytestmark = pytest.mark.django_db

ROOT = "http://localhost"


class RecordingBackend(BaseBackend):
    """A CDN that remembers which addresses it was told to purge."""

    purged = []

    def purge(self, url):
        RecordingBackend.purged.append(url)


@pytest.fixture
def cdn(settings):
    settings.WAGTAILFRONTENDCACHE = {
        "test": {"BACKEND": "tests.clinic_site.test_cache_purge.RecordingBackend"}
    }
    RecordingBackend.purged = []
    return RecordingBackend


@pytest.fixture
def blog(home_page):
    return make_blog(home_page)


def purged_after(capture, change):
    RecordingBackend.purged = []
    with capture(execute=True):
        change()
    return set(RecordingBackend.purged)


def test_publishing_an_article_purges_it_its_index_feeds_home_and_sitemap(
    cdn, blog, django_capture_on_commit_callbacks
):
    post = make_post(blog, title="Laser hair removal", slug="laser")
    post.title = "Laser hair removal: a guide"

    urls = purged_after(django_capture_on_commit_callbacks, post.save_revision().publish)

    assert {
        f"{ROOT}/blog/laser/",
        f"{ROOT}/blog/",
        f"{ROOT}/blog/feed/rss/",
        f"{ROOT}/blog/feed/atom/",
        f"{ROOT}/",
        f"{ROOT}/sitemap.xml",
        f"{ROOT}/sitemap-pages.xml",
    } <= urls


def test_unpublishing_and_deleting_purge_the_listings(
    cdn, blog, django_capture_on_commit_callbacks
):
    post = make_post(blog, title="Peels", slug="peels")
    other = make_post(blog, title="Fillers", slug="fillers")

    unpublished = purged_after(django_capture_on_commit_callbacks, post.unpublish)
    deleted = purged_after(django_capture_on_commit_callbacks, other.delete)

    assert {f"{ROOT}/blog/peels/", f"{ROOT}/blog/", f"{ROOT}/sitemap.xml"} <= unpublished
    assert {f"{ROOT}/blog/fillers/", f"{ROOT}/blog/", f"{ROOT}/"} <= deleted


def test_a_move_purges_the_old_and_new_addresses(
    cdn, blog, home_page, django_capture_on_commit_callbacks
):
    about = make_page(home_page, title="About us", slug="about")

    urls = purged_after(
        django_capture_on_commit_callbacks, lambda: about.move(blog, pos="last-child")
    )

    assert {f"{ROOT}/about/", f"{ROOT}/blog/about/", f"{ROOT}/blog/", f"{ROOT}/"} <= urls


def test_saving_an_author_purges_the_articles_that_show_them(
    cdn, blog, django_capture_on_commit_callbacks
):
    author = AuthorFactory(name="Dr Lee")
    make_post(blog, title="Acne scars", slug="acne", authors=[author])
    make_post(blog, title="Sun care", slug="sun")
    author.name = "Dr Lee Park"

    urls = purged_after(django_capture_on_commit_callbacks, author.save)

    assert f"{ROOT}/blog/acne/" in urls and f"{ROOT}/blog/" in urls
    assert f"{ROOT}/blog/sun/" not in urls


def test_nothing_is_queued_without_a_cdn(blog, settings, django_capture_on_commit_callbacks):
    settings.WAGTAILFRONTENDCACHE = {}
    post = make_post(blog, title="Microneedling", slug="micro")

    with django_capture_on_commit_callbacks() as callbacks:
        post.save_revision().publish()

    assert not [c for c in callbacks if getattr(c, "__qualname__", "") == "PurgeBatch.purge"]
    settings.WAGTAILFRONTENDCACHE = {
        "test": {"BACKEND": "tests.clinic_site.test_cache_purge.RecordingBackend"}
    }
    with django_capture_on_commit_callbacks() as callbacks:
        post.save_revision().publish()
    assert [c for c in callbacks if getattr(c, "__qualname__", "") == "PurgeBatch.purge"]
