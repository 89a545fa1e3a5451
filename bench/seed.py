"""
A clinic at scale, for the benchmarks: articles, treatments, shared questions and
consultation requests added in bulk to a database that holds the demo clinic.

Pages are inserted a batch at a time: their tree paths are numbered on from the
parent's last child (treebeard's materialised path, four base-36 digits a
level), the base `wagtailcore_page` rows in one `bulk_create`, then each page
type's own row (`save_base(raw=True)`, as fixtures load), the parent's child count
updated once, and the search index filled in bulk. Seeded pages are published
but have no revisions; they are for reading, not editing.

Usage, on a database that has the demo (`migrate` + `load_demo_content`):

    .venv/bin/python bench/seed.py --articles 10000 --treatments 200 \\
        --questions 2000 --requests 100000

`seed()` is what bench/pages.py calls; called again with larger numbers it adds
only what is missing, so the benchmark grows one data set from 1,000 to 10,000.
"""

import argparse
import datetime
import os
import random
import sys
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BATCH = 1000
WORDS = (
    "treatment skin clinic results session botox filler nurse doctor aftercare recovery "
    "consultation migraine wrinkles hydration peel laser safety questions patients advice"
).split()


def _body(rng, sections=4, words=120):
    blocks = []
    for n in range(sections):
        blocks.append(
            {
                "type": "heading",
                "value": {"text": f"Section {n + 1}", "level": "h2", "anchor": ""},
                "id": str(uuid.uuid4()),
            }
        )
        text = " ".join(rng.choice(WORDS) for _ in range(words))
        blocks.append({"type": "paragraph", "value": f"<p>{text}</p>", "id": str(uuid.uuid4())})
    return blocks, sections * (words + 2)


def add_children(parent, pages):
    """Insert `pages` (unsaved instances of one page type) as the last children of `parent`."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.utils import timezone

    from wagtail.models import Page

    if not pages:
        return []
    parent = Page.objects.get(pk=parent.pk)
    last = parent.get_last_child()
    first_step = (int(last.path[-Page.steplen :], 36) + 1) if last else 1
    content_type = ContentType.objects.get_for_model(type(pages[0]))
    now = timezone.now()
    base_fields = [f for f in Page._meta.concrete_fields if not f.primary_key]
    with transaction.atomic():
        for n, page in enumerate(pages):
            page.depth = parent.depth + 1
            page.path = Page._get_path(parent.path, page.depth, first_step + n)
            page.numchild = 0
            page.url_path = f"{parent.url_path}{page.slug}/"
            page.content_type = content_type
            page.locale_id = parent.locale_id
            page.draft_title = page.title
            page.live = True
            page.has_unpublished_changes = False
            page.first_published_at = page.first_published_at or now
            page.last_published_at = page.first_published_at
            page.translation_key = uuid.uuid4()
        for start in range(0, len(pages), BATCH):
            chunk = pages[start : start + BATCH]
            rows = Page.objects.bulk_create(
                [Page(**{f.attname: getattr(p, f.attname) for f in base_fields}) for p in chunk]
            )
            for page, row in zip(chunk, rows, strict=True):
                page.pk = page.page_ptr_id = row.pk
                page.save_base(raw=True)
        Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + len(pages))
    return pages


def index_for_search(model, pages):
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    for start in range(0, len(pages), BATCH):
        backend.add_bulk(model, pages[start : start + BATCH])


def seed_articles(total, rng):
    from taggit.models import Tag
    from wagtail.images import get_image_model

    from blog.models import (
        BlogCategory,
        BlogComment,
        BlogIndexPage,
        BlogPostAuthor,
        BlogPostPage,
        BlogPostTag,
    )
    from clinic_site import get_author_model

    index = BlogIndexPage.objects.get()
    have = BlogPostPage.objects.child_of(index).count()
    if have >= total:
        return 0
    authors = list(get_author_model().objects.all()[:6])
    categories = list(BlogCategory.objects.all())
    images = list(get_image_model().objects.all()[:10])
    tags = [Tag.objects.get_or_create(name=f"topic {n}", slug=f"topic-{n}")[0] for n in range(40)]
    start_date = datetime.date(2026, 11, 30)
    pages, words = [], {}
    for n in range(have, total):
        body, count = _body(rng)
        page = BlogPostPage(
            title=f"Seeded article {n}: {rng.choice(WORDS)} and {rng.choice(WORDS)}",
            slug=f"seeded-article-{n}",
            intro=f"What to know about {rng.choice(WORDS)} before your first appointment.",
            date=start_date - datetime.timedelta(days=n // 3),
            body=body,
            word_count=count,
            hero_image=rng.choice(images) if images else None,
            hero_image_alt="An illustration of the article's subject",
        )
        words[page.slug] = count
        pages.append(page)
    add_children(index, pages)
    BlogPostAuthor.objects.bulk_create(
        [
            BlogPostAuthor(post_id=page.pk, author=author, sort_order=i)
            for page in pages
            for i, author in enumerate(rng.sample(authors, k=min(2, len(authors))))
        ],
        batch_size=BATCH,
    )
    through = BlogPostPage.categories.through
    through.objects.bulk_create(
        [through(blogpostpage_id=page.pk, blogcategory=rng.choice(categories)) for page in pages]
        if categories
        else [],
        batch_size=BATCH,
    )
    BlogPostTag.objects.bulk_create(
        [
            BlogPostTag(content_object_id=page.pk, tag=tag)
            for page in pages
            for tag in rng.sample(tags, k=2)
        ],
        batch_size=BATCH,
    )
    BlogComment.objects.bulk_create(
        [
            BlogComment(
                post_id=page.pk,
                name=f"Reader {n}",
                email=f"reader{n}@example.com",
                body="Thank you for the clear explanation.",
                status=BlogComment.Status.APPROVED,
            )
            for page in pages[::5]
            for n in range(3)
        ],
        batch_size=BATCH,
    )
    index_for_search(BlogPostPage, pages)
    return len(pages)


def seed_treatments(total, rng):
    from treatments.models import TreatmentCategory, TreatmentIndexPage, TreatmentPage

    index = TreatmentIndexPage.objects.get()
    have = TreatmentPage.objects.child_of(index).count()
    if have >= total:
        return 0
    categories = list(TreatmentCategory.objects.all())
    pages = [
        TreatmentPage(
            title=f"Seeded treatment {n}",
            slug=f"seeded-treatment-{n}",
            intro=f"A {rng.choice(WORDS)} treatment, explained.",
            category=rng.choice(categories) if categories else None,
            session_minutes_min=15,
            session_minutes_max=45,
            downtime="None",
        )
        for n in range(have, total)
    ]
    add_children(index, pages)
    index_for_search(TreatmentPage, pages)
    return len(pages)


def seed_questions(total, rng):
    from treatments.models import Question

    have = Question.objects.count()
    if have >= total:
        return 0
    Question.objects.bulk_create(
        [
            Question(
                question=f"Seeded question {n}: is {rng.choice(WORDS)} safe?",
                answer=f"<p>Usually, after a consultation about {rng.choice(WORDS)}.</p>",
            )
            for n in range(have, total)
        ],
        batch_size=BATCH,
    )
    return total - have


def seeded_reference(n, alphabet, length):
    """Request n's reference: n written in the references' alphabet, so never repeated."""
    digits = []
    for _ in range(length):
        n, digit = divmod(n, len(alphabet))
        digits.append(alphabet[digit])
    return "".join(reversed(digits))


def seed_requests(total, rng):
    from django.utils import timezone

    from consultations import get_request_model, references

    model = get_request_model()
    have = model.objects.count()
    if have >= total:
        return 0
    now = timezone.now()
    made = 0
    for start in range(have, total, BATCH):
        model.objects.bulk_create(
            [
                model(
                    name=f"Patient {n}",
                    email=f"patient{n}@example.com",
                    phone="+44 161 496 0000",
                    preferred_contact="email",
                    consultation_type="in_person",
                    patient_status="new",
                    message="I would like to know more.",
                    consent_text="I agree to the clinic contacting me about this request.",
                    consent_version="1",
                    consent_given_at=now,
                    created_at=now - datetime.timedelta(minutes=n),
                    fingerprint=uuid.uuid4().hex,
                    # bulk_create skips save(), which gives a stored request its reference.
                    reference=seeded_reference(n, references.ALPHABET, references.LENGTH),
                )
                for n in range(start, min(start + BATCH, total))
            ]
        )
        made += min(BATCH, total - start)
    return made


def seed(articles=10_000, treatments=200, questions=2_000, requests=100_000, seed_value=16):
    """Add what is missing for this many of each; returns what was added, by kind."""
    rng = random.Random(seed_value)  # noqa: S311 - repeatable data, not secrets
    added = {
        "treatments": seed_treatments(treatments, rng),
        "questions": seed_questions(questions, rng),
        "articles": seed_articles(articles, rng),
        "requests": seed_requests(requests, rng),
    }
    analyse()
    return added


def analyse():
    """
    Give PostgreSQL's planner statistics of the rows just added, as its autovacuum
    does a minute or so after a bulk load: without them it plans for empty tables
    (a sort of every article instead of a walk down the date index).
    """
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--treatments", type=int, default=200)
    parser.add_argument("--questions", type=int, default=2_000)
    parser.add_argument("--requests", type=int, default=100_000)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinic_site.settings.dev")
    import django

    django.setup()
    added = seed(args.articles, args.treatments, args.questions, args.requests)
    print(", ".join(f"{count} {kind}" for kind, count in added.items()) + " added.")


if __name__ == "__main__":
    main()
