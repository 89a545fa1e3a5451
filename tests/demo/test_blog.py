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


# Numbers as the demo's articles write them.
NUMBER_WORDS = {
    word: n
    for n, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
} | {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60}

# What an article may say about a treatment it is about, and the treatment's facts it must match.
CLAIMS = [
    (r"session takes (\w+) to (\w+) minutes", ("session_minutes_min", "session_minutes_max")),
    (r"repeated every (\w+) weeks", ("results_weeks_min",)),
    (r"(\w+) to (\w+) small injections", ("how_performed",)),
    (r"from £(\d+)", ("price_from",)),
]


def number(word):
    return int(word) if word.isdigit() else NUMBER_WORDS[word.lower()]


def test_articles_say_what_the_pages_of_their_treatments_say(demo):
    import re

    from django.utils.html import strip_tags

    checked = []
    for post in BlogPostPage.objects.live():
        text = strip_tags(str(post.body.render_as_block()))
        for treatment in post.get_related_treatments():
            for pattern, fields in CLAIMS:
                for match in re.finditer(pattern, text, flags=re.IGNORECASE):
                    said = [number(group) for group in match.groups()]
                    if fields == ("how_performed",):
                        facts = [int(n) for n in re.findall(r"\d+", treatment.how_performed)]
                    else:
                        facts = [getattr(treatment, field) for field in fields]
                    assert said == facts, (post.title, match.group(0), treatment.title, facts)
                    checked.append(match.group(0))

    # The check can fail: the Botox article states its session length, repeat and injections.
    assert len(checked) >= 3, checked
