"""
Queries, server time and throughput per page type and API endpoint, at scale.

1. Builds its own data set: the demo clinic in its own database (a SQLite file in
   a temporary folder, or, with DATABASE_URL=postgres://..., the database
   `clinic_bench` on that server, dropped and made again), then bench/seed.py's
   articles, treatments, questions and consultation requests.
2. At the small set (--small articles) and again at the large one (--articles),
   renders every list, search, feed, sitemap section, API list and the admin's
   request listing in process and compares their median server times: the
   large over the small must stay within `[scale] max_ratio`.
3. At the large set, prints for every page type and API endpoint its queries,
   median and 95th percentile server time (in process, no network).
4. Serves the site with gunicorn (2 sync workers, production settings with
   the page cache on, DEBUG off, its own redis-server on a free port) and a
   plain Django project beside it (bench/plain_settings.py), and measures
   requests/s with wrk on 127.0.0.1 for a constant 20 KB view in each (the
   site's middleware over a plain project's: the stack's cost), the pages
   uncached (a query string no cache has seen) and cached (the first request
   included), as shares of the site's constant view.

Writes bench/results/pages.md and pages.json, compares with bench/budgets.toml
and exits non-zero on a miss. Figures depend on the machine; the ratios are
measured in one run, so they compare.

Usage: make bench    (or: .venv/bin/python bench/pages.py --help)
"""

import argparse
import contextlib
import json
import os
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

from load import Processes, base_environment, free_port, redis_answers, wait_until  # noqa: E402

HOST = "127.0.0.1"
DATABASE = "clinic_bench"
RESULTS = BENCH / "results"
BUDGETS = BENCH / "budgets.toml"
UNCACHED_SCRIPT = """
counter = 0
request = function()
  counter = counter + 1
  return wrk.format(nil, wrk.path .. "?bench=" .. math.random(1, 1000000000) .. counter)
end
"""


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--small", type=int, default=1_000, help="articles in the small set")
    parser.add_argument("--articles", type=int, default=10_000, help="articles in the large set")
    parser.add_argument("--treatments", type=int, default=200)
    parser.add_argument("--questions", type=int, default=2_000)
    parser.add_argument("--requests", type=int, default=100_000, help="consultation requests")
    parser.add_argument("--repeat", type=int, default=20, help="requests per page, in process")
    parser.add_argument("--seconds", type=int, default=5, help="wrk's duration per page")
    parser.add_argument("--no-throughput", action="store_true", help="skip gunicorn and wrk")
    return parser.parse_args(argv)


# The data set --------------------------------------------------------------------


def database_url(workdir):
    given = os.environ.get("DATABASE_URL", "")
    if given.startswith(("postgres://", "postgresql://")):
        import psycopg

        server = given.rsplit("/", 1)[0]
        with psycopg.connect(f"{server}/postgres", autocommit=True, connect_timeout=5) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {DATABASE}")
        return f"{server}/{DATABASE}"
    return f"sqlite:///{workdir / 'bench.sqlite3'}"


def setup_django(workdir, url):
    os.environ["DJANGO_SETTINGS_MODULE"] = "clinic_site.settings.dev"
    os.environ["DATABASE_URL"] = url
    os.environ["MEDIA_ROOT"] = str(workdir / "media")
    import django

    django.setup()
    from django.conf import settings

    settings.DEBUG = False
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    from django.core.management import call_command

    call_command("migrate", "--noinput", verbosity=0)
    call_command("load_demo_content", stdout=StringIO())


def grow(args, articles):
    from seed import seed

    start = time.perf_counter()
    added = seed(
        articles, args.treatments, args.questions, args.requests * articles // args.articles
    )
    print(f"Seeded {added} in {time.perf_counter() - start:.0f} s.", flush=True)


# What is measured ----------------------------------------------------------------


def first(model_string):
    from django.apps import apps

    return apps.get_model(model_string).objects.live().order_by("path").first()


def endpoints():
    """(name, path, kind): kind "list" pages are compared at both sizes."""
    from taggit.models import Tag

    from blog.models import BlogCategory

    blog, post = first("blog.BlogIndexPage"), first("blog.BlogPostPage")
    newest = blog.get_posts().first()
    category = BlogCategory.objects.filter(posts__live=True).first()
    tag = Tag.objects.filter(slug__startswith="topic").first() or Tag.objects.first()
    treatment = first("treatments.TreatmentPage")
    pages = [
        ("home", "/", "page"),
        ("blog-index", blog.url, "list"),
        ("blog-index-page-5", blog.url + "?page=5", "list"),
        ("blog-category", blog.route_url("category", category.slug), "list"),
        ("blog-tag", blog.route_url("tag", tag.slug), "list"),
        ("blog-archive", blog.route_url("archive", newest.date.year, newest.date.month), "list"),
        ("blog-post", post.url, "page"),
        ("treatment-index", first("treatments.TreatmentIndexPage").url, "page"),
        ("treatment", treatment.url, "page"),
        ("faq", first("treatments.FaqPage").url, "page"),
        ("consultation", first("consultations.ConsultationPage").url, "page"),
        ("search", "/search/?q=botox", "list"),
        ("feed-rss", blog.route_url("feed_rss"), "list"),
        ("feed-atom", blog.route_url("feed_atom"), "list"),
        ("sitemap-index", "/sitemap.xml", "list"),
        ("sitemap-section", "/sitemap-pages.xml", "list"),
        ("api-v2-detail", f"/api/v2/pages/{post.pk}/", "page"),
        ("api-v3-detail", f"/api/v3/pages/{post.pk}/", "page"),
        ("api-v2-list", "/api/v2/pages/?type=blog.BlogPostPage&fields=*&limit=20", "list"),
        ("api-v3-list", "/api/v3/pages/?type=blog.BlogPostPage&limit=20", "list"),
        ("api-v3-treatment", f"/api/v3/pages/{treatment.pk}/", "page"),
        ("admin-requests", "/admin/consultationrequest/", "admin"),
    ]
    return pages


def clients():
    from django.contrib.auth import get_user_model
    from django.test import Client

    anonymous = Client(HTTP_HOST=f"{HOST}:8000")
    staff = Client(HTTP_HOST=f"{HOST}:8000")
    user, _ = get_user_model().objects.get_or_create(
        username="bench-admin", defaults={"is_staff": True, "is_superuser": True}
    )
    staff.force_login(user)
    return anonymous, staff


def measure(client, path, repeat):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(2):  # warm: renditions, the content cache
        client.get(path)
    timings = []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(path)
            timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    p95 = timings[min(len(timings) - 1, int(len(timings) * 0.95))]
    return {
        "status": response.status_code,
        "median_ms": statistics.median(timings),
        "p95_ms": p95,
        "queries": len(queries),
    }


def measure_all(args, kinds):
    anonymous, staff = clients()
    results = {}
    for name, path, kind in endpoints():
        if kind not in kinds and "all" not in kinds:
            continue
        client = staff if kind == "admin" else anonymous
        results[name] = {"path": path, "kind": kind, **measure(client, path, args.repeat)}
        print(f"  {name}: {results[name]['median_ms']:.1f} ms", flush=True)
    return results


# Throughput under gunicorn and wrk -------------------------------------------------


def wrk(port, path, seconds, *, uncached, workdir):
    command = ["wrk", "-t2", "-c8", f"-d{seconds}s", "--latency"]
    if uncached:
        script = workdir / "uncached.lua"
        script.write_text(UNCACHED_SCRIPT)
        command += ["-s", str(script)]
    command.append(f"http://{HOST}:{port}{path}")
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
    line = next(line for line in output.splitlines() if line.startswith("Requests/sec"))
    non_2xx = next((line for line in output.splitlines() if "Non-2xx" in line), "")
    return float(line.split()[1]), non_2xx.strip()


def throughput(args, url, workdir, uncached_pages, cached_pages):
    """
    Requests/s of the constant view in a plain Django project (the stack's own
    cost), the same view through the site's middleware, and each page uncached
    (a query string no cache has seen: rendered and stored every time) and cached
    (one address: the first request renders it, every other one is a hit).
    """
    processes = Processes(workdir)
    redis_port, web_port, plain_port = free_port(), free_port(), free_port()
    env = {
        **base_environment(),
        "DJANGO_SETTINGS_MODULE": "serve_settings",
        "PYTHONPATH": f"{ROOT}:{BENCH}",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": f"{HOST},localhost",
        "DATABASE_URL": url,
        "REDIS_URL": f"redis://{HOST}:{redis_port}/0",
        "CLINIC_ENCRYPTION_KEYS": "7mVNJjLWYSUv_V1ePasNhlaF4_kDUknOO890C0mOiPQ=",
        "CLINIC_BLIND_INDEX_KEY": secrets.token_hex(32),
        "SECURE_SSL_REDIRECT": "false",
        "MEDIA_ROOT": str(workdir / "media"),
        "SERVE_MEDIA": "true",
    }
    gunicorn = [str(ROOT / ".venv/bin/gunicorn"), "--workers", "2", "--worker-class", "sync"]
    try:
        processes.start(
            "redis",
            ["redis-server", "--bind", HOST, "--port", str(redis_port)]
            + ["--save", "", "--appendonly", "no"],
        )
        wait_until(lambda: redis_answers(redis_port), "redis-server", timeout=10)
        processes.start(
            "gunicorn", [*gunicorn, "clinic_site.wsgi", "--bind", f"{HOST}:{web_port}"], env=env
        )
        processes.start(
            "gunicorn-plain",
            [*gunicorn, "django.core.wsgi:get_wsgi_application()"]
            + ["--bind", f"{HOST}:{plain_port}"],
            env={**env, "DJANGO_SETTINGS_MODULE": "plain_settings"},
        )
        wait_until(lambda: _answers(web_port), "gunicorn", timeout=60)
        wait_until(lambda: _answers(plain_port), "gunicorn (plain Django)", timeout=60)

        def run(port, path, uncached=False):
            for _ in range(3):  # warm the workers
                _answers(port, path)
            return wrk(port, path, args.seconds, uncached=uncached, workdir=workdir)

        results = {}
        plain, _ = run(plain_port, "/bench/constant/")
        constant, _ = run(web_port, "/bench/constant/")
        results["constant"] = {"rps": constant}
        results["constant, plain Django"] = {"rps": plain, "share": plain / constant}
        results["middleware stack"] = {"rps": constant, "share": constant / plain}
        print(f"  constant: {constant:.0f}/s, plain Django: {plain:.0f}/s", flush=True)
        runs = [(name, path, "uncached") for name, path in uncached_pages]
        runs += [(name, path, "cached") for name, path in cached_pages]
        for name, path, state in runs:
            rps, non_2xx = run(web_port, path, uncached=state == "uncached")
            results[f"{name} {state}"] = {"rps": rps, "share": rps / constant, "errors": non_2xx}
            print(f"  {name} {state}: {rps:.0f}/s ({rps / constant:.1%})", flush=True)
        return results
    finally:
        processes.stop_all()


def _answers(port, path="/bench/constant/"):
    import urllib.request

    with contextlib.suppress(OSError):
        with urllib.request.urlopen(f"http://{HOST}:{port}{path}", timeout=5) as response:  # noqa: S310
            return response.status == 200
    return False


# Report ---------------------------------------------------------------------------


def judge(budgets, large, small, rates):
    misses = []
    for name, limit in budgets["queries"].items():
        if name in large and large[name]["queries"] > limit:
            misses.append(f"{name}: {large[name]['queries']} queries > {limit}")
    for name, row in large.items():
        if row["status"] != 200:
            misses.append(f"{name}: answered {row['status']}")
    ratios = {}
    for name, row in small.items():
        ratio = large[name]["median_ms"] / row["median_ms"]
        ratios[name] = ratio
        if ratio > budgets["scale"]["max_ratio"]:
            misses.append(
                f"{name}: {ratio:.2f}x at the large set > {budgets['scale']['max_ratio']}x"
            )
    for name, row in rates.items():
        if name in ("constant", "constant, plain Django"):
            continue
        budget = (
            budgets["throughput"]["blog_post_uncached"]
            if name == "blog-post uncached"
            else budgets["throughput"]["every_page_cached"]
            if name.endswith(" cached")
            else budgets["throughput"]["middleware_stack"]
            if name == "middleware stack"
            else None
        )
        if budget is not None and row["share"] < budget:
            misses.append(f"{name}: {row['share']:.1%} of the constant view < {budget:.0%}")
    return misses, ratios


def report(args, backend, large, small, rates, ratios, misses):
    lines = [
        f"# Pages at scale ({backend}): {args.articles} articles (small set {args.small}), "
        f"{args.treatments} treatments, {args.questions} questions, {args.requests} requests",
        "",
        "Server time in process (no network), warm, "
        f"{args.repeat} requests each; ratio = large set over small set.",
        "",
        "| endpoint | path | status | queries | median ms | p95 ms | large/small |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, row in large.items():
        ratio = f"{ratios[name]:.2f}" if name in ratios else ""
        lines.append(
            f"| {name} | `{row['path']}` | {row['status']} | {row['queries']} | "
            f"{row['median_ms']:.1f} | {row['p95_ms']:.1f} | {ratio} |"
        )
    if rates:
        lines += [
            "",
            f"Requests/s under gunicorn (2 sync workers) and wrk (-t2 -c8 -d{args.seconds}s), "
            "as a share of the constant 20 KB view through the site's middleware in the same "
            "run; the middleware stack row is that view over the same view in a plain Django "
            "project.",
            "",
            "| what | requests/s | share |",
            "| --- | ---: | ---: |",
        ]
        for name, row in rates.items():
            share = f"{row['share']:.1%}" if "share" in row else "100%"
            lines.append(f"| {name} | {row['rps']:.0f} | {share} |")
    lines += ["", "Misses: " + ("; ".join(misses) if misses else "none")]
    table = "\n".join(lines)
    RESULTS.mkdir(parents=True, exist_ok=True)
    suffix = "" if backend == "sqlite" else f"-{backend}"
    (RESULTS / f"pages{suffix}.md").write_text(table + "\n")
    (RESULTS / f"pages{suffix}.json").write_text(
        json.dumps(
            {"large": large, "small": small, "throughput": rates, "misses": misses}, indent=2
        )
    )
    print(table)


def main(argv=None):
    args = parse_args(argv)
    budgets = tomllib.loads(BUDGETS.read_text())
    workdir = Path(tempfile.mkdtemp(prefix="clinic-bench-"))
    url = database_url(workdir)
    backend = "postgresql" if url.startswith("postgres") else "sqlite"
    try:
        setup_django(workdir, url)
        print(f"Small set ({args.small} articles)...", flush=True)
        grow(args, args.small)
        small = measure_all(args, {"list", "admin"})
        print(f"Large set ({args.articles} articles)...", flush=True)
        grow(args, args.articles)
        large = measure_all(args, {"all"})
        small = {name: row for name, row in small.items() if name in large}
        rates = {}
        if not args.no_throughput:
            if shutil.which("wrk") is None:
                sys.exit(
                    "Install wrk first (Debian: apt-get install wrk), or pass --no-throughput."
                )
            print("Throughput...", flush=True)
            from django.db import connections

            connections.close_all()
            measured = {name: row["path"] for name, row in large.items()}
            uncached = [(name, measured[name]) for name in ("blog-post", "treatment", "home")]
            cached = [
                (name, measured[name])
                for name in (
                    "blog-post",
                    "treatment",
                    "home",
                    "blog-index",
                    "faq",
                    "consultation",
                    "feed-rss",
                    "sitemap-index",
                )
            ]
            rates = throughput(args, url, workdir, uncached, cached)
        misses, ratios = judge(budgets, large, small, rates)
        report(args, backend, large, small, rates, ratios, misses)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    if misses:
        print(f"{len(misses)} budget(s) missed.")
        sys.exit(1)
    print("Every budget met.")


if __name__ == "__main__":
    main()
