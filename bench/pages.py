"""
Server time and SQL queries per public page type, at scale.

Builds the demo clinic in a throw-away SQLite database, adds ARTICLES more blog
articles (with authors, categories, tags) and COMMENTS approved comments on one
article, then renders each page type REQUESTS times through Django's test
client (in process: server time only, no network) and prints the median and
95th percentile time and the query count against the budget below. Exits
non-zero when a page is over budget.

Usage: make bench    (or: .venv/bin/python bench/pages.py)
Figures depend on the machine; compare runs on the same one.
"""

import os
import statistics
import sys
import tempfile
import time
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

ARTICLES = 300
COMMENTS = 50
REQUESTS = 30
BUDGET_MEDIAN_MS = 120
BUDGET_P95_MS = 250
RESULTS = ROOT / "bench" / "results"


def setup():
    workdir = Path(tempfile.mkdtemp(prefix="bench-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "clinic_site.settings.dev"
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'db.sqlite3'}"
    os.environ["MEDIA_ROOT"] = str(workdir / "media")
    import django

    django.setup()
    from django.conf import settings

    settings.DEBUG = False  # no query log, no debug toolbar-like overhead
    from django.core.management import call_command

    call_command("migrate", "--noinput", verbosity=0)
    call_command("load_demo_content", stdout=StringIO())


def add_scale():
    from django.apps import apps

    if not apps.is_installed("blog"):
        return
    from blog.models import BlogCategory, BlogComment, BlogIndexPage, BlogPostPage
    from clinic_site.models import Author
    from tests.blog.factories import make_post

    index = BlogIndexPage.objects.get()
    authors = list(Author.objects.all()[:3])
    categories = list(BlogCategory.objects.all()[:2])
    for n in range(ARTICLES):
        make_post(
            index,
            title=f"Scale article {n}",
            slug=f"scale-article-{n}",
            authors=authors,
            categories=categories,
            tags=["scale", f"topic-{n % 10}"],
        )
    post = BlogPostPage.objects.live().order_by("path").first()
    BlogComment.objects.bulk_create(
        BlogComment(
            post=post,
            name=f"Reader {n}",
            email=f"reader{n}@example.com",
            body="Thank you for the clear explanation.",
            status=BlogComment.Status.APPROVED,
        )
        for n in range(COMMENTS)
    )


def measure(client, path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(3):  # warm-up: renditions, caches
        client.get(path)
    timings = []
    for _ in range(REQUESTS):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(path)
            timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
    return response.status_code, statistics.median(timings), p95, len(queries)


def main():
    setup()
    add_scale()
    from django.test import Client

    from tests.e2e.site_pages import public_pages

    client = Client(HTTP_HOST="127.0.0.1:8000")
    rows, failures = [], []
    for name, path in public_pages():
        status, median, p95, queries = measure(client, path)
        over = median > BUDGET_MEDIAN_MS or p95 > BUDGET_P95_MS
        if over:
            failures.append(name)
        rows.append(
            f"| {name} | `{path}` | {status} | {median:.1f} | {p95:.1f} | {queries} |"
            + (" OVER" if over else "")
        )
    table = "\n".join(
        [
            f"Server time per page, {ARTICLES} extra articles, {COMMENTS} comments on one, "
            f"{REQUESTS} requests each (in process, no network).",
            "",
            "| page | path | status | median ms | p95 ms | queries |",
            "| --- | --- | ---: | ---: | ---: | ---: |",
            *rows,
            "",
            f"Budget: median <= {BUDGET_MEDIAN_MS} ms, p95 <= {BUDGET_P95_MS} ms per page.",
        ]
    )
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "pages.md").write_text(table + "\n")
    print(table)
    if failures:
        print("Over budget: " + ", ".join(failures))
        sys.exit(1)
    print("All pages within budget.")


if __name__ == "__main__":
    main()
