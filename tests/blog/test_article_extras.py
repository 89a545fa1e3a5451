"""
What an article offers around its text: "About this treatment" boxes in the
body, related articles, share links, authors' photos and profile links, and the
authors in its structured data.
"""

import datetime
import re
from decimal import Decimal
from html.parser import HTMLParser
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from clinic_site.models import Author, ClinicianPage, TeamPage
from tests.blog.factories import CategoryFactory, make_blog, make_post
from tests.clinic_site.factories import (
    ImageFactory,
    make_clinic_settings,
    make_home_page,
    make_page,
)
from tests.treatments.factories import make_index, make_treatment
from tests.treatments.helpers import main_of, objects_of_type

from .test_views import ARTICLE_QUERIES


def about(page):
    return ("about_treatment", {"page": page, "heading": ""})


@pytest.fixture(scope="module")
def site(module_db):
    home = make_home_page()
    make_clinic_settings()
    book = make_page(home, title="Book a consultation", slug="book")
    treatments = make_index(home)
    botox = make_treatment(
        treatments,
        intro="Small injections that cut the number of migraine days.",
        session_minutes_min=15,
        session_minutes_max=30,
        downtime="None: back to work the same day",
        price_from=Decimal("350"),
        consultation_page=book,
    )
    draft = make_treatment(treatments, title="Laser resurfacing", slug="laser", publish=False)
    team = make_page(home, model=TeamPage, title="Our team", slug="team")
    ana_profile = make_page(
        team,
        model=ClinicianPage,
        title="Dr Ana Silva",
        slug="ana-silva",
        job_title="Consultant neurologist",
        photo=ImageFactory(description="Dr Ana Silva in a blue jacket"),
        regulator="gmc",
        registration_number="7012345",
    )
    ana = Author.objects.create(name="Dr Ana Silva", credentials="MD", profile_page=ana_profile)
    sam = Author.objects.create(
        name="Sam Writer",
        photo=ImageFactory(description="Sam Writer smiling at a desk"),
        profile_url="https://register.example/sam-writer",
    )
    blog = make_blog(home)
    migraine, skin, other = (
        CategoryFactory(name=name, slug=name.lower()) for name in ("Migraine", "Skin", "Other")
    )
    post = make_post(
        blog,
        title="Botox for migraines: how it works",
        authors=[ana, sam],
        categories=[migraine],
        tags=["botox"],
        related=[botox],
        date=datetime.date(2026, 3, 2),
        body=[
            ("heading", {"text": "How it works", "level": "h2", "anchor": ""}),
            about(botox),
            ("paragraph", "<p>Injections every twelve weeks.</p>"),
            about(draft),
        ],
    )
    related = {
        # Each shares one thing with the article; the oldest of four is left out.
        "category": make_post(blog, categories=[migraine], date=datetime.date(2026, 1, 5)),
        "tag": make_post(blog, tags=["botox"], date=datetime.date(2026, 1, 7)),
        "treatment": make_post(blog, related=[botox], date=datetime.date(2026, 1, 6)),
        "oldest": make_post(blog, categories=[migraine], date=datetime.date(2025, 11, 1)),
        "unrelated": make_post(blog, categories=[skin], date=datetime.date(2026, 2, 1)),
        "draft": make_post(
            blog, categories=[migraine], date=datetime.date(2026, 2, 2), publish=False
        ),
        "lonely": make_post(blog, categories=[other], date=datetime.date(2026, 2, 3)),
    }
    return {"post": post, "botox": botox, "draft": draft, "related": related, "book": book}


@pytest.fixture(scope="module")
def html(site, django_db_blocker):
    from django.test import Client

    with django_db_blocker.unblock():
        return Client().get(site["post"].url).content.decode()


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.images = [], []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.links.append(dict(attrs))
        elif tag == "img":
            self.images.append(dict(attrs))


def parsed(html):
    parser = _Links()
    parser.feed(main_of(html))
    return parser


# "About this treatment" ----------------------------------------------------------


@pytest.mark.django_db
def test_about_box_shows_the_treatment_its_key_facts_and_a_way_to_book(site, html):
    botox = site["botox"]
    box = html.split('class="about-treatment"', 1)[1].split("</aside>", 1)[0]

    assert 'aria-label="About this treatment: Botox for migraines"' in html
    assert f'<a href="{botox.url}">Botox for migraines</a>' in box
    assert "Small injections that cut the number of migraine days." in box
    assert botox.key_facts, "the treatment has facts to show"
    for label, value in botox.key_facts:
        assert f"<dt>{label}</dt><dd>{value}</dd>" in box
    assert f'href="{site["book"].url}?treatment=botox-for-migraines"' in box
    assert "Book a consultation" in box


@pytest.mark.django_db
def test_about_box_for_an_unpublished_treatment_shows_nothing(html):
    assert html.count('class="about-treatment"') == 1
    assert "Laser resurfacing" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("version", ["v2", "v3"])
def test_api_gives_the_about_box_as_a_link_to_the_treatment(client, site, version):
    data = client.get(f"/api/{version}/pages/{site['post'].pk}/").json()
    boxes = [item["value"] for item in data["body"] if item["type"] == "about_treatment"]

    botox = site["botox"]
    assert boxes == [{"id": botox.pk, "title": botox.title, "url": botox.url}, None]


# Related articles ----------------------------------------------------------------


@pytest.mark.django_db
def test_related_articles_share_a_topic_or_treatment_newest_first_at_most_three(site, html):
    section = html.split('id="related-posts-heading"', 1)[1].split("</section>", 1)[0]
    titles = re.findall(r'class="card__title"><a href="[^"]+">([^<]+)</a>', section)
    related = site["related"]

    assert titles == [related[key].title for key in ("tag", "treatment", "category")]
    assert site["post"].title not in section


@pytest.mark.django_db
def test_an_article_sharing_nothing_suggests_nothing(client, site):
    html = client.get(site["related"]["lonely"].url).content.decode()

    assert "Related articles" not in html


# Share links ---------------------------------------------------------------------


@pytest.mark.django_db
def test_share_links_carry_the_canonical_address_and_say_they_open_a_new_tab(site, html):
    canonical = re.search(r'<link rel="canonical" href="([^"]+)">', html).group(1)
    links = {
        link["aria-label"]: link
        for link in parsed(html).links
        if "share__link" in link.get("class", "")
    }

    assert set(links) == {
        "Share by e-mail",
        "Share on WhatsApp (opens in new tab)",
        "Share on Facebook (opens in new tab)",
        "Share on X (opens in new tab)",
        "Share on LinkedIn (opens in new tab)",
    }
    for name, link in links.items():
        href = link["href"]
        query = parse_qs(urlsplit(href).query)
        assert any(canonical in value for values in query.values() for value in values), name
        if name == "Share by e-mail":
            assert href.startswith("mailto:?") and "target" not in link
            assert query["subject"] == [site["post"].title]
        else:
            assert href.startswith("https://") and link["target"] == "_blank"
            assert link["rel"] == "noopener noreferrer"
    assert quote(canonical, safe="") in links["Share on LinkedIn (opens in new tab)"]["href"]
    # Plain links: nothing is loaded from the networks.
    assert not re.search(r"<script[^>]+src=\"https?://", html)


# Authors ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_byline_shows_each_authors_photo_and_links_the_clinician_to_their_profile(html):
    hero = html.split('class="post-meta"', 1)[1].split("</p>", 1)[0]
    photos = [img for img in parsed(html).images if "post-meta__photo" in img.get("class", "")]

    assert len(photos) == 2
    assert all(img["width"] == "80" and img["height"] == "80" for img in photos)
    # The names follow the photos, so a screen reader is not told them twice.
    assert all(img["alt"] == "" for img in photos)
    assert '<a href="/team/ana-silva/">Dr Ana Silva, MD</a>' in hero
    assert '<a href="https://register.example/sam-writer">Sam Writer</a>' in hero


@pytest.mark.django_db
def test_author_box_describes_each_photo_the_clinicians_from_their_profile(html):
    box = html.split('id="authors-heading"', 1)[1].split("</section>", 1)[0]
    parser = _Links()
    parser.feed(box)
    alts = [img["alt"] for img in parser.images]

    assert alts == ["Dr Ana Silva in a blue jacket", "Sam Writer smiling at a desk"]
    assert all(img["width"] == "96" and img["height"] == "96" for img in parser.images)
    assert '<a href="/team/ana-silva/">Dr Ana Silva</a>' in box


@pytest.mark.django_db
def test_structured_data_names_the_clinicians_profile_and_each_authors_register(html):
    authors = objects_of_type(html, "BlogPosting")[0]["author"]

    assert authors[0]["url"].endswith("/team/ana-silva/")
    assert authors[0]["sameAs"] == ["https://www.gmc-uk.org/doctors/7012345"]
    assert authors[1] == {
        "@type": "Person",
        "name": "Sam Writer",
        "sameAs": ["https://register.example/sam-writer"],
    }


# Cost --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_boxes_and_related_articles_cost_one_query_once_cached(
    client, site, django_assert_num_queries
):
    client.get(site["post"].url)

    # The article's budget, and one query for the pages its boxes point to
    # (what each box shows of them comes from the content cache).
    with django_assert_num_queries(ARTICLE_QUERIES + 1):
        response = client.get(site["post"].url)

    assert "Related articles" in response.content.decode()
