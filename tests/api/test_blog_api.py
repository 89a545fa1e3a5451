"""The blog through the content APIs: what an article page shows, typed, in constant queries."""

import pytest

from tests.blog.factories import (
    AuthorFactory,
    CategoryFactory,
    CommentFactory,
    body_with_headings,
    make_blog,
    make_post,
)
from tests.clinic_site.factories import ImageFactory, make_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def blog(home_page):
    return make_blog(home_page)


def article(blog, home_page, items=2):
    # The first author's photo is big enough for every rendition size the API reports.
    authors = [AuthorFactory(photo=ImageFactory(large=not n)) for n in range(items)]
    related = [
        make_page(home_page, title=f"Treatment {n}", slug=f"treatment-{n}") for n in range(items)
    ]
    post = make_post(
        blog,
        title="Botox and migraines",
        authors=authors,
        categories=[CategoryFactory(name=f"Skin {n}", slug=f"skin-{n}") for n in range(items)],
        tags=[f"tag-{n}" for n in range(items)],
        related=related,
        body=body_with_headings("What it is", "Side effects", words_per_section=450),
        hero_image=ImageFactory(large=True),
        hero_image_alt="A nurse preparing an injection",
    )
    for _ in range(items):
        CommentFactory(post=post, email="secret-reader@example.org")
    CommentFactory(post=post, status="pending", body="Not yet approved")
    return post


def test_v3_article_detail_has_everything_the_template_shows(client, blog, home_page):
    post = article(blog, home_page)

    data = client.get(f"/api/v3/pages/{post.pk}/").json()

    assert data["meta"]["type"] == "blog.BlogPostPage"
    assert data["date"] == post.date.isoformat()
    assert [a["name"] for a in data["authors"]] == [a.name for a in post.authors]
    assert data["authors"][0]["credentials"] == "MD"
    assert data["authors"][0]["photo"]["renditions"]["card"]["width"] == 480
    assert data["categories"][0] == {
        "name": "Skin 0",
        "slug": "skin-0",
        "description": "",
        "url": "/blog/category/skin-0/",
    }
    assert [t["url"] for t in data["tags"]] == ["/blog/tag/tag-0/", "/blog/tag/tag-1/"]
    assert data["related_treatments"][0] == {
        "id": data["related_treatments"][0]["id"],
        "title": "Treatment 0",
        "url": "/treatment-0/",
        "type": "wagtailcore.Page",
    }
    assert data["reading_time"] == post.reading_time >= 4
    assert data["table_of_contents"] == [
        {"id": "what-it-is", "text": "What it is", "level": "h2"},
        {"id": "side-effects", "text": "Side effects", "level": "h2"},
    ]
    assert data["body"][0]["value"]["anchor_id"] == "what-it-is"
    assert data["hero_image"]["alt"] == "A nurse preparing an injection"
    assert data["hero_image"]["renditions"]["large"]["url"].endswith(".webp")
    assert {obj["@type"] for obj in data["json_ld"]} >= {"BlogPosting", "BreadcrumbList"}
    assert data["comment_count"] == 2
    assert [c["name"] for c in data["comments"]] == [c.name for c in post.get_approved_comments()]


def test_no_commenter_email_or_pending_comment_leaks(client, blog, home_page):
    post = article(blog, home_page)

    for url in (f"/api/v3/pages/{post.pk}/", f"/api/v2/pages/{post.pk}/"):
        text = client.get(url).content.decode()
        assert "secret-reader@example.org" not in text
        assert "Not yet approved" not in text
        assert "ip_hash" not in text


def test_v2_article_detail_has_the_same_fields(client, blog, home_page):
    post = article(blog, home_page)

    data = client.get(f"/api/v2/pages/{post.pk}/").json()

    assert data["authors"][0]["credentials"] == "MD"
    assert data["table_of_contents"][0]["id"] == "what-it-is"
    assert data["related_treatments"][1]["title"] == "Treatment 1"
    assert data["comment_count"] == 2


def test_blog_index_has_its_categories_and_feeds(client, blog, home_page):
    article(blog, home_page)

    data = client.get(f"/api/v3/pages/{blog.pk}/").json()

    assert [c["url"] for c in data["categories"]] == [
        "/blog/category/skin-0/",
        "/blog/category/skin-1/",
    ]
    assert data["feed_urls"] == {"rss": "/blog/feed/rss/", "atom": "/blog/feed/atom/"}


def test_openapi_schema_types_the_article_fields(client, home_page):
    schema = client.get("/api/v3/openapi.json").json()["components"]["schemas"]
    props = schema["BlogPostPageSchema"]["properties"]

    def is_typed(prop):
        options = prop.get("anyOf", [prop])
        return any(
            option.get("type") not in (None, "null") or "$ref" in option for option in options
        )

    for name in (
        "authors",
        "categories",
        "tags",
        "table_of_contents",
        "reading_time",
        "related_treatments",
        "comment_count",
        "reviewer",
        "date",
    ):
        assert is_typed(props[name]), name


@pytest.mark.parametrize("items", [1, 4])
def test_article_query_counts_do_not_grow_with_authors_topics_or_comments(
    client, blog, home_page, django_assert_num_queries, items
):
    post = article(blog, home_page, items=items)
    client.get(f"/api/v3/pages/{post.pk}/")  # renditions made once

    with django_assert_num_queries(DETAIL_QUERIES):
        assert client.get(f"/api/v3/pages/{post.pk}/").status_code == 200
    with django_assert_num_queries(LIST_QUERIES):
        assert client.get("/api/v3/pages/?type=blog.BlogPostPage").status_code == 200


# Wagtail's view restrictions, the page as Wagtail finds it, its ancestors; the site,
# the article as its type with its locale and images (as routing keeps it), authors,
# topics, related treatments and comments come from the content cache.
DETAIL_QUERIES = 3
# Wagtail's view restrictions, the count (kept from then on), the page of items;
# the site comes from the content cache.
LIST_QUERIES = 3


def test_v3_list_counts_published_articles_once_per_content_change(
    client, blog, home_page, django_assert_num_queries
):
    make_post(blog, title="First")
    path = "/api/v3/pages/?type=blog.BlogPostPage"
    assert client.get(path).json()["count"] == 1

    with django_assert_num_queries(LIST_QUERIES - 1):  # no count
        assert client.get(path).json()["count"] == 1

    make_post(blog, title="Second")
    make_post(blog, title="Draft", publish=False)
    data = client.get(path).json()
    assert data["count"] == 2 and len(data["items"]) == 2
    assert client.get(f"{path}&limit=1&offset=1").json()["count"] == 2
    assert client.get(f"{path}&title=Second").json()["count"] == 1


def test_v2_article_detail_query_count_does_not_grow_with_authors_or_topics(
    client, blog, home_page, django_assert_num_queries
):
    post = article(blog, home_page, items=4)
    client.get(f"/api/v2/pages/{post.pk}/")

    with django_assert_num_queries(V2_DETAIL_QUERIES):
        data = client.get(f"/api/v2/pages/{post.pk}/").json()

    assert len(data["authors"]) == 4 and len(data["comments"]) == 4
    assert data["hero_image"]["alt"] == "A nurse preparing an injection"
    assert data["meta"]["parent"]["id"] == blog.pk


@pytest.mark.parametrize("limit", [2, 8])
def test_v2_article_list_with_every_field_costs_the_same_whatever_its_limit(
    client, blog, home_page, django_assert_num_queries, limit
):
    for n in range(8):
        post = make_post(
            blog,
            title=f"Article {n}",
            authors=[AuthorFactory(photo=ImageFactory())],
            categories=[CategoryFactory()],
            tags=[f"tag-{n}"],
            reviewer=AuthorFactory(photo=ImageFactory()),
            hero_image=ImageFactory(),
            hero_image_alt="An illustration",
        )
        CommentFactory(post=post)
    path = f"/api/v2/pages/?type=blog.BlogPostPage&fields=*&limit={limit}"
    client.get(path)  # renditions and the content cache filled once

    with django_assert_num_queries(V2_LIST_QUERIES):
        data = client.get(path).json()

    assert len(data["items"]) == limit
    assert all(item["authors"] and item["reviewer"] for item in data["items"])


# Wagtail's view restrictions (read once for the request), page, the article with
# its images (one query), its parent and whether the client may see it; the site
# and the rest as in v3.
V2_DETAIL_QUERIES = 5
# Wagtail's view restrictions (read once for the request), count, the page of
# articles with their locales, images and reviewers; the site, their authors,
# topics, related treatments, comments and ancestors come from the content cache.
V2_LIST_QUERIES = 3
