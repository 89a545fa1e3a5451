"""The blog's demo content: built by `load_demo_content`, unchanged by a second run."""

import pytest

from blog.models import BlogComment, BlogIndexPage, BlogPostPage
from clinic_site.models import Author
from tests.demo.conftest import load_again

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        "posts": list(BlogPostPage.objects.order_by("path").values_list("slug", "title")),
        "authors": list(Author.objects.values_list("name", flat=True)),
        "comments": BlogComment.objects.count(),
        "tags": sorted(BlogPostPage.tags.through.objects.values_list("tag__name", flat=True)),
    }


def test_demo_builds_a_blog_with_at_least_four_reviewed_articles(demo, client):
    blog = BlogIndexPage.objects.get(slug="blog")
    posts = BlogPostPage.objects.live().child_of(blog)
    botox = posts.get(slug="botox-for-migraines-how-it-works")

    assert blog.show_in_menus and blog.title == "Blog"
    assert posts.count() >= 4
    assert botox.title == "Botox for migraines: how it works"
    assert [entry["text"] for entry in botox.table_of_contents][:4] == [
        "How it works",
        "The treatment process",
        "Long-term effects",
        "Side effects",
    ]
    assert botox.post_authors.count() == 2 and botox.reviewer and botox.last_reviewed
    assert botox.categories.exists() and botox.tags.exists() and botox.hero_image
    assert botox.comments.filter(status="approved").count() >= 2
    for post in posts:
        post.full_clean()

    response = client.get(botox.url, HTTP_HOST="127.0.0.1:8000")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Schedule a free virtual consultation" in html
    assert "@example.org" not in html


def test_running_the_demo_twice_changes_nothing_in_the_blog(demo):
    before = snapshot()

    load_again()

    assert snapshot() == before
