"""Factories for the blog: an index under the home page, articles, authors and comments."""

import datetime

from django.utils.text import slugify

import factory

from blog.models import (
    BlogCategory,
    BlogComment,
    BlogIndexPage,
    BlogPostAuthor,
    BlogPostPage,
    BlogPostRelatedTreatment,
)
from clinic_site.models import Author
from tests.clinic_site.factories import approved, make_page


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"Dr Writer {n}")
    credentials = "MD"
    job_title = "Dermatologist"


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BlogCategory

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BlogComment

    name = factory.Sequence(lambda n: f"Reader {n}")
    email = factory.Sequence(lambda n: f"reader{n}@example.org")
    body = "Thank you, this answered my question."
    status = BlogComment.Status.APPROVED


def make_blog(home, **fields):
    fields.setdefault("title", "Blog")
    fields.setdefault("slug", "blog")
    return make_page(home, model=BlogIndexPage, **fields)


def body_with_headings(*headings, words_per_section=20):
    """A body of heading + paragraph pairs; `headings` are texts or (text, anchor) pairs."""
    blocks = []
    for heading in headings:
        text, anchor = heading if isinstance(heading, tuple) else (heading, "")
        blocks.append(("heading", {"text": text, "level": "h2", "anchor": anchor}))
        blocks.append(("paragraph", "<p>" + " ".join(["word"] * words_per_section) + "</p>"))
    return blocks


_counter = iter(range(1, 10_000))


def make_post(
    index,
    *,
    authors=(),
    categories=(),
    tags=(),
    related=(),
    publish=True,
    **fields,
):
    """
    Add an article under `index` with its inline authors, topics and related pages;
    with a `reviewer`, as approved in the clinical review on `last_reviewed`.
    """
    reviewer = fields.pop("reviewer", None)
    reviewed_on = fields.pop("last_reviewed", None) if reviewer else None
    n = next(_counter)
    fields.setdefault("title", f"Article {n}")
    fields.setdefault("slug", slugify(fields["title"]) or f"article-{n}")
    fields.setdefault("intro", f"What to know about topic {n}.")
    fields.setdefault("date", datetime.date(2026, 1, 1) + datetime.timedelta(days=n))
    fields.setdefault("body", body_with_headings("Introduction"))
    page = BlogPostPage(
        post_authors=[BlogPostAuthor(author=author) for author in authors],
        related_treatments=[BlogPostRelatedTreatment(page=page) for page in related],
        categories=list(categories),
        live=publish,
        **fields,
    )
    page.tags.add(*tags)
    index.add_child(instance=page)
    revision = page.save_revision()
    if reviewer is not None:
        revision = approved(page, reviewer, on=reviewed_on)
    if publish:
        revision.publish()
    return BlogPostPage.objects.get(pk=page.pk)
