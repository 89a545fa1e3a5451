"""The blog index, its category / tag / archive lists, pagination, feeds and the home page."""

import datetime
import json
import xml.etree.ElementTree as ET

from django.db import connection
from django.db.models import F
from django.test import override_settings

import pytest

from blog.models import BlogPostPage, BlogPostTag, index_page
from clinic_site.models import HomePage
from tests.blog.factories import (
    AuthorFactory,
    CategoryFactory,
    CommentFactory,
    body_with_headings,
    make_post,
)
from tests.clinic_site.factories import ImageFactory, make_page
from tests.clinic_site.helpers import meta_tags
from tests.treatments.helpers import objects_of_type

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def test_index_lists_live_articles_newest_first_with_their_details(client, blog):
    author = AuthorFactory(name="Dr Ana Silva", credentials="MD")
    old = make_post(blog, title="Older article", date=datetime.date(2025, 5, 1))
    new = make_post(
        blog,
        title="Newer article",
        date=datetime.date(2026, 2, 3),
        authors=[author],
        intro="What changes after a first session.",
        hero_image=ImageFactory(),
        hero_image_alt="A nurse preparing a treatment room",
        body=body_with_headings("A", words_per_section=450),
    )
    make_post(blog, title="Unpublished draft", publish=False)
    CommentFactory.create_batch(2, post=new)
    CommentFactory(post=new, status="pending")
    CommentFactory(post=old, status="spam")

    html = client.get("/blog/").content.decode()

    assert html.index("Newer article") < html.index("Older article")
    assert "Unpublished draft" not in html
    assert '<time datetime="2026-02-03">3 February 2026</time>' in html
    assert "by Dr Ana Silva, MD" in html
    assert "What changes after a first session." in html
    assert 'alt="A nurse preparing a treatment room"' in html
    assert "2 minute read" in html
    assert "2 comments" in html and "0 comments" in html
    assert html.count("<h1") == 1


def test_category_list_shows_only_that_categorys_articles(client, blog):
    skin = CategoryFactory(name="Skin", slug="skin", description="Articles about skin care.")
    make_post(blog, title="Peels explained", categories=[skin])
    make_post(blog, title="Migraine relief")

    response = client.get("/blog/category/skin/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Articles in Skin" in html
    assert "Articles about skin care." in html
    assert "Peels explained" in html
    assert "Migraine relief" not in html
    assert client.get("/blog/category/no-such-category/").status_code == 404


def test_category_list_is_indexable_at_its_own_address(client, blog):
    skin = CategoryFactory(name="Skin", slug="skin")
    make_post(blog, title="Peels explained", categories=[skin])

    html = client.get("/blog/category/skin/").content.decode()

    assert '<link rel="canonical" href="http://localhost/blog/category/skin/">' in html
    assert "noindex" not in html


def sitemap_entries(client):
    """{address: lastmod} of every address in the sitemap's sections."""
    sitemap = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    xml = ET.fromstring(client.get("/sitemap-pages.xml").content)  # noqa: S314 - our own sitemap
    return {
        url.findtext(f"{sitemap}loc"): url.findtext(f"{sitemap}lastmod")
        for url in xml.iter(f"{sitemap}url")
    }


def test_category_lists_with_articles_are_in_the_sitemap(client, blog):
    skin, hair, empty = (
        CategoryFactory(name=name, slug=name.lower()) for name in ("Skin", "Hair", "Empty")
    )
    make_post(blog, title="Peels explained", categories=[skin], tags=["peels"])
    newest = make_post(blog, title="Hair loss", categories=[skin, hair])

    entries = sitemap_entries(client)

    assert "http://localhost/blog/" in entries
    assert "http://localhost/blog/category/skin/" in entries
    assert "http://localhost/blog/category/hair/" in entries
    assert "http://localhost/blog/category/empty/" not in entries
    assert not [url for url in entries if "/tag/" in url or "/archive/" in url]
    assert (
        entries["http://localhost/blog/category/hair/"]
        == newest.last_published_at.date().isoformat()
    )


def test_category_list_has_its_own_title_description_and_address_for_sharing(client, blog):
    blog.search_description = "News and advice from the clinic."
    blog.save_revision().publish()
    skin = CategoryFactory(name="Skin", slug="skin", description="Articles about skin care.")
    hair = CategoryFactory(name="Hair", slug="hair", description="")
    make_post(blog, title="Peels explained", categories=[skin, hair])

    skin_html = client.get("/blog/category/skin/").content.decode()
    hair_html = client.get("/blog/category/hair/").content.decode()

    tags = meta_tags(skin_html)
    assert tags["og:url"] == "http://localhost/blog/category/skin/"
    assert tags["og:title"] == "Articles in Skin"
    assert tags["og:description"] == tags["description"] == "Articles about skin care."
    assert "<title>Articles in Skin | " in skin_html
    (collection,) = objects_of_type(skin_html, "CollectionPage")
    assert collection["url"] == "http://localhost/blog/category/skin/"
    assert collection["name"] == "Articles in Skin"
    assert not objects_of_type(skin_html, "Blog")
    (crumbs,) = objects_of_type(skin_html, "BreadcrumbList")
    assert crumbs["itemListElement"][-1]["item"] == "http://localhost/blog/category/skin/"
    # Without a description of its own, a category is still not described as the blog.
    hair_tags = meta_tags(hair_html)
    assert hair_tags["og:url"] == "http://localhost/blog/category/hair/"
    assert "Hair" in hair_tags["og:description"]
    assert "News and advice" not in hair_tags["og:description"]


def test_tag_and_later_pages_stay_out_of_search_engines(client, blog):
    make_post(blog, title="Botox and migraines", tags=["migraine"])

    tag_html = client.get("/blog/tag/migraine/").content.decode()

    assert '<meta name="robots" content="noindex, follow">' in tag_html
    assert '<link rel="canonical" href="http://localhost/blog/">' in tag_html


def test_tag_list_shows_only_tagged_articles(client, blog):
    make_post(blog, title="Botox and migraines", tags=["migraine", "botox"])
    make_post(blog, title="Lip filler aftercare", tags=["filler"])

    html = client.get("/blog/tag/migraine/").content.decode()

    assert "Articles tagged “migraine”" in html
    assert "Botox and migraines" in html
    assert "Lip filler aftercare" not in html
    assert client.get("/blog/tag/unknown/").status_code == 404


def test_archive_lists_a_months_articles_and_the_index_links_to_it(client, blog):
    make_post(blog, title="March article", date=datetime.date(2026, 3, 14))
    make_post(blog, title="April article", date=datetime.date(2026, 4, 2))

    html = client.get("/blog/archive/2026/3/").content.decode()
    index_html = client.get("/blog/").content.decode()

    assert "Articles from March 2026" in html
    assert "March article" in html and "April article" not in html
    assert '<a href="/blog/archive/2026/4/">April 2026</a>' in index_html
    assert client.get("/blog/archive/2026/13/").status_code == 404
    assert client.get("/blog/archive/0/1/").status_code == 404


@override_settings(BLOG_POSTS_PER_PAGE=2)
@pytest.mark.parametrize(
    ("query", "status", "shown"),
    [
        ("", 200, ["Article C", "Article B"]),
        ("?page=2", 200, ["Article A"]),
        ("?page=0", 200, ["Article C", "Article B"]),
        ("?page=-3", 200, ["Article C", "Article B"]),
        ("?page=abc", 200, ["Article C", "Article B"]),
        ("?page=3", 404, []),
        ("?page=99999999999999999999", 404, []),
    ],
)
def test_pagination_bounds_never_give_a_server_error(client, blog, query, status, shown):
    for day, letter in enumerate("ABC", start=1):
        make_post(blog, title=f"Article {letter}", date=datetime.date(2026, 1, day))

    response = client.get(f"/blog/{query}")

    assert response.status_code == status
    html = response.content.decode()
    for title in shown:
        assert title in html
    for title in {"Article A", "Article B", "Article C"} - set(shown):
        assert f">{title}<" not in html


def test_rss_feed_is_valid_xml_with_absolute_links_and_summaries(client, blog):
    make_post(blog, title="Feed article", intro="A short summary.", authors=[AuthorFactory()])
    make_post(blog, title="Draft article", publish=False)

    response = client.get("/blog/feed/rss/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")  # noqa: S314 - our own feed
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == ["Feed article"]
    assert items[0].findtext("link").startswith("http://")
    assert items[0].findtext("link").endswith("/blog/feed-article/")
    assert items[0].findtext("description") == "A short summary."


@override_settings(BLOG_FEED_FULL_TEXT=True)
def test_atom_feed_carries_the_full_article_with_absolute_image_urls(client, blog):
    image = ImageFactory()
    make_post(
        blog,
        title="Full text article",
        body=json.dumps(
            [
                {"type": "paragraph", "value": "<p>The whole article body.</p>"},
                {
                    "type": "image",
                    "value": {
                        "image": {"image": image.pk, "alt_text": "A chart", "decorative": False}
                    },
                },
            ]
        ),
    )

    response = client.get("/blog/feed/atom/")

    assert response.status_code == 200
    feed = ET.fromstring(response.content)  # noqa: S314 - our own feed
    entry = feed.find(f"{ATOM}entry")
    summary = entry.findtext(f"{ATOM}summary")
    assert entry.findtext(f"{ATOM}title") == "Full text article"
    assert "The whole article body." in summary
    assert 'src="http://testserver/' in summary
    assert 'src="/' not in summary
    assert entry.find(f"{ATOM}link").get("href").startswith("http://")


def test_index_links_to_its_feeds(client, blog):
    html = client.get("/blog/").content.decode()

    assert 'type="application/rss+xml"' in html and 'href="/blog/feed/rss/"' in html
    assert 'type="application/atom+xml"' in html and 'href="/blog/feed/atom/"' in html


def test_home_page_lists_the_newest_articles_by_article_date(client, blog):
    blog.get_parent().specific  # noqa: B018
    home = HomePage.objects.get()
    home.latest_posts_count = 2
    home.save_revision().publish()
    make_post(blog, title="Written first, dated newest", date=datetime.date(2026, 5, 1))
    make_post(blog, title="Oldest article", date=datetime.date(2024, 1, 1))
    make_post(blog, title="Middle article", date=datetime.date(2025, 1, 1))

    html = client.get("/").content.decode()

    assert "Latest articles" in html
    assert html.index("Written first, dated newest") < html.index("Middle article")
    assert "Oldest article" not in html


def test_blog_is_in_the_main_menu(client, blog):
    html = client.get("/").content.decode()

    assert '<a href="/blog/">Blog</a>' in html


@override_settings(BLOG_POSTS_PER_PAGE=2)
@pytest.mark.parametrize("few", [0, 100], ids=["long-list", "short-list"])
@pytest.mark.parametrize("path", ["/blog/category/skin/", "/blog/tag/skin/"])
def test_long_and_short_topic_lists_show_the_same_pages_of_articles(
    client, blog, monkeypatch, few, path
):
    # A list longer than FEW_FILED_POSTS is read newest first, a shorter one from
    # its links: patients see the same articles, order and pages either way.
    monkeypatch.setattr(index_page, "FEW_FILED_POSTS", few)
    skin = CategoryFactory(slug="skin")

    def filed(title, date, **fields):
        return make_post(blog, title=title, date=date, categories=[skin], tags=["skin"], **fields)

    filed("Oldest", datetime.date(2025, 1, 1))
    filed("Same day, published first", datetime.date(2026, 3, 1))
    filed("Same day, published second", datetime.date(2026, 3, 1))
    filed("Newest", datetime.date(2026, 5, 1))
    filed("Filed draft", datetime.date(2026, 6, 1), publish=False)
    make_post(blog, title="Not filed", date=datetime.date(2026, 4, 1))

    def titles(query=""):
        response = client.get(path + query)
        if response.status_code != 200:
            return response.status_code
        html = response.content.decode()
        shown = [t for t in TOPIC_TITLES if f">{t}<" in html]
        return sorted(shown, key=lambda title: html.index(f">{title}<"))

    assert titles() == ["Newest", "Same day, published second"]
    assert titles("?page=2") == ["Same day, published first", "Oldest"]
    assert titles("?page=3") == 404


TOPIC_TITLES = [
    "Oldest",
    "Same day, published first",
    "Same day, published second",
    "Newest",
    "Filed draft",
    "Not filed",
]


# Query counts ------------------------------------------------------------------


@pytest.fixture
def filed_articles(blog, clinic_settings):
    """Articles with authors, a category, tags, images and comments, to vary in number."""

    def make(count):
        category = CategoryFactory(slug="skin")
        for n in range(count):
            post = make_post(
                blog,
                authors=[AuthorFactory(), AuthorFactory()],
                categories=[category, CategoryFactory()],
                tags=["skin", f"tag{n}"],
                hero_image=ImageFactory(),
                hero_image_alt="An illustration",
                date=datetime.date(2026 - n, 1 + n, 1),
            )
            CommentFactory.create_batch(2, post=post)

    return make


@pytest.mark.parametrize("count", [2, 6])
@pytest.mark.parametrize(
    ("path", "queries"),
    [
        ("/blog/", "INDEX_QUERIES"),
        ("/blog/category/skin/", "TOPIC_QUERIES"),
        ("/blog/tag/skin/", "TOPIC_QUERIES"),
        ("/blog/archive/2026/1/", "ARCHIVE_QUERIES"),
    ],
)
def test_article_lists_query_count_does_not_grow_with_articles(
    client, filed_articles, django_assert_num_queries, count, path, queries
):
    filed_articles(count)
    client.get(path)  # the first view fills the caches (renditions, counts, sidebar)

    with django_assert_num_queries(globals()[queries]):
        response = client.get(path)

    assert response.status_code == 200
    assert "2 comments" in response.content.decode()


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's query planner")
def test_article_lists_walk_the_date_index_instead_of_sorting_every_article(blog, monkeypatch):
    # SQLite plans without statistics, so a small table gets the plan a large one does.
    monkeypatch.setattr(index_page, "FEW_FILED_POSTS", 0)  # long lists
    skin = CategoryFactory(slug="skin")
    make_post(blog, categories=[skin], tags=["skin"])
    lists = {
        "index": blog.get_posts(),
        "category": blog.get_filed_posts(
            BlogPostPage.categories.through.objects.filter(blogcategory=skin).annotate(
                post_id=F("blogpostpage_id")
            ),
            "category",
        ),
        "tag": blog.get_filed_posts(
            BlogPostTag.objects.filter(tag__slug="skin").annotate(post_id=F("content_object_id")),
            "tag",
        ),
    }
    for name, posts in lists.items():
        sql, params = posts[:10].query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            plan = [row[-1] for row in cursor.fetchall()]
        assert any("blog_blogpostpage_date" in step for step in plan), (name, plan)
        assert "USE TEMP B-TREE FOR ORDER BY" not in plan, (name, plan)  # no sort of them all


# The page of articles with their main images, their authors, their approved
# comment counts. The site, the pages on the address, the index, the number of
# articles, the categories and months in the sidebar, the clinic's details, the
# menu and private sections come from the content cache.
INDEX_QUERIES = 3
# At one of the index's own addresses (a month) the pages on the way are looked
# up (only the addresses of pages are kept); a category or tag adds itself.
ARCHIVE_QUERIES = INDEX_QUERIES + 1
TOPIC_QUERIES = ARCHIVE_QUERIES + 1


@pytest.mark.parametrize(("tags", "authors", "related", "comments"), [(1, 1, 1, 1), (5, 3, 3, 20)])
def test_article_query_count_does_not_grow_with_tags_authors_related_or_comments(
    client, blog, clinic_settings, django_assert_num_queries, tags, authors, related, comments
):
    home = blog.get_parent()
    pages = [
        # Any live page with a main image stands in for a treatment page here.
        make_page(home, model=HomePage, title=f"T{n}", slug=f"t{n}", hero_image=ImageFactory())
        for n in range(related)
    ]
    post = make_post(
        blog,
        authors=[AuthorFactory(photo=ImageFactory()) for _ in range(authors)],
        tags=[f"tag-{n}" for n in range(tags)],
        categories=[CategoryFactory()],
        related=pages,
        hero_image=ImageFactory(),
        hero_image_alt="An illustration",
        body=body_with_headings("One", "Two", "One"),
        reviewer=AuthorFactory(photo=ImageFactory()),
        last_reviewed=datetime.date(2026, 1, 5),
    )
    CommentFactory.create_batch(comments, post=post)
    client.get(post.url)  # first view generates image renditions

    with django_assert_num_queries(ARTICLE_QUERIES):
        response = client.get(post.url)

    assert response.status_code == 200
    assert response.content.decode().count('class="comment"') == comments


# None: the site, the pages on the address, the article with its images and
# reviewer, its authors, topics, related treatments and approved comments are
# cached with the content, as are the clinic's details and menu.
ARTICLE_QUERIES = 0


def test_article_shows_a_newly_approved_comment_and_an_edited_author_at_once(client, blog):
    author = AuthorFactory(name="Dr Ana Silva")
    post = make_post(blog, authors=[author])
    comment = CommentFactory(post=post, status="pending", body="Does it hurt?")
    client.get(post.url)  # cached now

    comment.status = "approved"
    comment.save()
    author.name = "Dr Ana Silva-Costa"
    author.save()
    html = client.get(post.url).content.decode()

    assert "Does it hurt?" in html
    assert "Dr Ana Silva-Costa" in html


@pytest.mark.parametrize("count", [1, 3])
def test_home_page_query_count_does_not_grow_with_latest_articles(
    client, blog, clinic_settings, django_assert_num_queries, count
):
    home = HomePage.objects.get()
    home.latest_posts_count = count
    home.save_revision().publish()
    for _ in range(count):
        make_post(blog, hero_image=ImageFactory(), hero_image_alt="An illustration")
    client.get("/")

    with django_assert_num_queries(HOME_WITH_ARTICLES_QUERIES):
        response = client.get("/")

    assert response.status_code == 200


# The home page's featured pages, the latest articles with their main images (the
# site with its home page comes from the content cache).
HOME_WITH_ARTICLES_QUERIES = 2
