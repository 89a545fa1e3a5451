"""Articles' derived data: table of contents, reading time, dates and structured data."""

import datetime
import json
import re
import xml.etree.ElementTree as ET

from django.test import override_settings

import pytest
from wagtail.test.utils import WagtailPageTestCase

from blog.models import BlogIndexPage, BlogPostPage
from clinic_site.models import Author, HomePage
from tests.blog.factories import AuthorFactory, body_with_headings, make_post
from tests.clinic_site.factories import ImageFactory
from tests.clinic_site.helpers import meta_tags

pytestmark = pytest.mark.django_db


def rendered_heading_ids(html):
    return re.findall(r'<h[23] id="([^"]+)" class="block-heading"', html)


def json_ld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return {obj["@type"]: obj for obj in (json.loads(block) for block in blocks)}


def test_table_of_contents_lists_headings_with_ids_matching_the_rendered_headings(client, blog):
    post = make_post(blog, body=body_with_headings("How it works", "Side effects"))

    html = client.get(post.url).content.decode()

    assert post.table_of_contents == [
        {"id": "how-it-works", "text": "How it works", "level": "h2"},
        {"id": "side-effects", "text": "Side effects", "level": "h2"},
    ]
    assert '<a href="#how-it-works">How it works</a>' in html
    assert rendered_heading_ids(html) == ["how-it-works", "side-effects"]


def test_duplicate_headings_get_unique_numbered_ids_in_toc_and_body(client, blog):
    post = make_post(
        blog,
        body=body_with_headings("Questions", "Aftercare", "Questions", ("Third", "questions")),
    )

    html = client.get(post.url).content.decode()

    ids = [entry["id"] for entry in post.table_of_contents]
    assert ids == ["questions", "aftercare", "questions-2", "questions-3"]
    assert rendered_heading_ids(html) == ids
    for anchor in ids:
        assert f'href="#{anchor}"' in html


@override_settings(BLOG_FEED_FULL_TEXT=True)
def test_repeated_headings_have_the_same_unique_ids_in_the_page_the_apis_and_the_feed(client, blog):
    post = make_post(blog, body=body_with_headings("Questions", "Aftercare", "Questions"))
    expected = ["questions", "aftercare", "questions-2"]

    # Each reader loads the article afresh, so none relies on another having run first.
    feed = ET.fromstring(client.get("/blog/feed/atom/").content)  # noqa: S314 - our own feed
    feed_html = feed.find("{http://www.w3.org/2005/Atom}entry/{http://www.w3.org/2005/Atom}summary")
    v3 = client.get(f"/api/v3/pages/{post.pk}/").json()
    v2 = client.get(f"/api/v2/pages/{post.pk}/").json()
    page_html = client.get(post.url).content.decode()

    assert rendered_heading_ids(feed_html.text) == expected
    assert [entry["id"] for entry in v3["table_of_contents"]] == expected
    for data in (v3, v2):
        headings = [item["value"] for item in data["body"] if item["type"] == "heading"]
        assert [heading["anchor_id"] for heading in headings] == expected
    assert rendered_heading_ids(page_html) == expected
    assert re.findall(r'class="toc__item[^"]*"><a href="#([^"]+)"', page_html) == expected


def test_heading_ids_survive_reordering_the_sections(blog):
    post = make_post(blog, body=body_with_headings("Before", "During", ("After", "recovery")))
    before = {entry["text"]: entry["id"] for entry in post.table_of_contents}

    post.body = body_with_headings(("After", "recovery"), "Before", "During")
    post.save_revision().publish()
    post = BlogPostPage.objects.get(pk=post.pk)

    assert {entry["text"]: entry["id"] for entry in post.table_of_contents} == before
    assert before["After"] == "recovery"


def test_table_of_contents_can_be_switched_off(client, blog):
    post = make_post(blog, body=body_with_headings("Only heading"), show_table_of_contents=False)

    html = client.get(post.url).content.decode()

    assert "In this article" not in html
    assert 'id="only-heading"' in html


def test_reading_time_counts_the_words_of_the_body(blog):
    short = make_post(blog, body=body_with_headings("A", words_per_section=10))
    long = make_post(blog, body=body_with_headings("A", "B", "C", words_per_section=333))

    assert short.reading_time == 1  # never less than a minute
    assert long.word_count == 3 + 3 * 333
    assert long.reading_time == 5


def test_article_date_defaults_to_the_day_it_is_first_published(blog):
    post = make_post(blog, date=None)

    assert post.first_published_at is not None
    assert post.date == post.first_published_at.date()


def test_an_editors_article_date_is_kept(blog):
    post = make_post(blog, date=datetime.date(2025, 6, 1))

    assert post.date == datetime.date(2025, 6, 1)


class TreeRulesTests(WagtailPageTestCase):
    """Editors can add articles only under a blog, and a blog only under the home page."""

    def test_a_blog_goes_under_the_home_page_and_holds_only_articles(self):
        self.assertAllowedParentPageTypes(BlogIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(BlogIndexPage, {BlogPostPage})
        self.assertCanCreateAt(HomePage, BlogIndexPage)
        self.assertCanNotCreateAt(BlogIndexPage, BlogIndexPage)

    def test_an_article_goes_under_a_blog_and_holds_no_pages(self):
        self.assertAllowedParentPageTypes(BlogPostPage, {BlogIndexPage})
        self.assertAllowedSubpageTypes(BlogPostPage, set())
        self.assertCanCreateAt(BlogIndexPage, BlogPostPage)
        self.assertCanNotCreateAt(HomePage, BlogPostPage)


def test_json_ld_describes_the_article_its_authors_publisher_and_review(
    client, blog, clinic_settings
):
    reviewer = Author.objects.create(name="Dr Ben Okafor", credentials="MBBS")
    authors = [
        AuthorFactory(name="Dr Ana Silva", credentials="MD"),
        AuthorFactory(name="Cara Lee", credentials="RN"),
    ]
    post = make_post(
        blog,
        title="Botox for migraines: how it works",
        authors=authors,
        hero_image=ImageFactory(),
        hero_image_alt="A clinician marking injection points",
        date=datetime.date(2026, 2, 10),
        reviewer=reviewer,
        last_reviewed=datetime.date(2026, 3, 1),
        tags=["migraine"],
    )

    objects = json_ld(client.get(post.url).content.decode())

    posting = objects["BlogPosting"]
    assert posting["headline"] == "Botox for migraines: how it works"
    assert posting["datePublished"] == "2026-02-10T00:00:00+00:00"
    assert datetime.datetime.fromisoformat(
        posting["dateModified"]
    ) == post.last_published_at.replace(microsecond=0)
    assert posting["image"].startswith("http://") and posting["image"].endswith(".jpg")
    assert [a["name"] for a in posting["author"]] == ["Dr Ana Silva", "Cara Lee"]
    assert posting["author"][0] == {
        "@type": "Person",
        "name": "Dr Ana Silva",
        "honorificSuffix": "MD",
        "jobTitle": "Dermatologist",
    }
    assert posting["publisher"]["@type"] == "MedicalClinic"
    assert posting["publisher"]["name"] == "Riverside Skin Clinic"
    assert posting["publisher"]["url"] == "http://localhost/"
    medical = objects["MedicalWebPage"]
    assert medical["lastReviewed"] == "2026-03-01"
    assert medical["reviewedBy"]["name"] == "Dr Ben Okafor"
    crumbs = objects["BreadcrumbList"]["itemListElement"]
    assert [item["name"] for item in crumbs] == [
        "Riverside Skin Clinic",
        "Blog",
        "Botox for migraines: how it works",
    ]


def published_times(html):
    """The article's publication times as JSON-LD and Open Graph give them, parsed."""
    posting = json_ld(html)["BlogPosting"]
    tags = meta_tags(html)
    times = {
        "datePublished": posting["datePublished"],
        "dateModified": posting["dateModified"],
        "article:published_time": tags["article:published_time"],
        "article:modified_time": tags["article:modified_time"],
    }
    parsed = {name: datetime.datetime.fromisoformat(value) for name, value in times.items()}
    assert all(value.tzinfo is not None for value in parsed.values()), times
    return times, parsed


def test_publication_times_are_full_date_times_with_the_time_zone(client, blog):
    post = make_post(blog, title="What to expect at your first visit", date=None)

    times, parsed = published_times(client.get(post.url).content.decode())

    assert times["article:published_time"] == times["datePublished"]
    assert times["article:modified_time"] == times["dateModified"]
    assert parsed["datePublished"] == post.first_published_at.replace(microsecond=0)
    assert parsed["dateModified"] == post.last_published_at.replace(microsecond=0)


def test_an_editors_article_date_is_published_as_the_start_of_that_day_in_the_sites_zone(
    client, blog
):
    post = make_post(blog, date=datetime.date(2026, 7, 1))

    times, _parsed = published_times(client.get(post.url).content.decode())

    # London is on summer time (UTC+1) in July.
    assert times["datePublished"] == "2026-07-01T00:00:00+01:00"
    assert times["article:published_time"] == "2026-07-01T00:00:00+01:00"


def test_json_ld_has_no_medical_web_page_without_a_review(client, blog):
    post = make_post(blog)

    objects = json_ld(client.get(post.url).content.decode())

    assert set(objects) == {"BlogPosting", "BreadcrumbList"}
