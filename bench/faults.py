"""
What a page costs while Redis is down: refused, or accepting and never answering.

Builds the demo clinic in a throw-away SQLite database, then renders the home
page, an article, a treatment and the consultation form through Django's test
client (in process, no network) with the cache on:

- "healthy": the real Redis at REDIS_URL (default the local one), under a key
  prefix of this run's own (deleted at the end; nothing else is touched);
- "refused": a port nobody listens on;
- "hanging": a local server that accepts connections and never answers;

each with the production cache (django-redis, IGNORE_EXCEPTIONS, 0.5 s socket
timeouts, circuit breaker), the same without the breaker, and Django's own
RedisCache as this project used it before (errors raised, redis-py's default
5 s timeout). Prints the status and the time of the first request and the
median of the next REQUESTS; exits non-zero if a page with the production
cache does not answer 200. The first request pays the timeout that opens the
breaker; the others show the steady cost while Redis stays down.

Usage: .venv/bin/python bench/faults.py
Figures depend on the machine; compare runs on the same one.
"""

import os
import socket
import statistics
import sys
import tempfile
import threading
import time
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

REQUESTS = 10
RESULTS = ROOT / "bench" / "results"


def setup():
    workdir = Path(tempfile.mkdtemp(prefix="bench-faults-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "clinic_site.settings.dev"
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'db.sqlite3'}"
    os.environ["MEDIA_ROOT"] = str(workdir / "media")
    import django

    django.setup()
    from django.conf import settings

    settings.DEBUG = False
    from django.core.management import call_command

    call_command("migrate", "--noinput", verbosity=0)
    call_command("load_demo_content", stdout=StringIO())


def pages():
    """The home page, one article, one treatment and the consultation form."""
    from blog.models import BlogPostPage
    from consultations.models import ConsultationPage
    from treatments.models import TreatmentPage

    return [
        ("home", "/"),
        ("article", BlogPostPage.objects.live().order_by("path").first().url),
        ("treatment", TreatmentPage.objects.live().order_by("path").first().url),
        ("consultation form", ConsultationPage.objects.live().first().url),
    ]


class HangingServer:
    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.accepted = []
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self):
        while True:
            try:
                self.accepted.append(self.listener.accept()[0])
            except OSError:
                return


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def caches(url, prefix):
    from clinic_site.settings.base import redis_cache

    production = redis_cache(url, key_prefix=prefix)
    no_breaker = redis_cache(url, key_prefix=prefix)
    del no_breaker["OPTIONS"]["CONNECTION_POOL_CLASS"]
    before = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": url,
        "KEY_PREFIX": prefix,
    }
    return [
        ("production", production),
        ("without breaker", no_breaker),
        ("before (Django's RedisCache)", before),
    ]


def run(client, path, requests):
    statuses, timings = [], []
    for _ in range(requests):
        start = time.perf_counter()
        try:
            statuses.append(client.get(path).status_code)
        except Exception as error:  # noqa: BLE001 - the "before" setup raises; record it
            statuses.append(type(error).__name__)
        timings.append((time.perf_counter() - start) * 1000)
    return statuses, timings


def main():
    setup()
    from django.test import Client, override_settings

    import redis
    from django_redis.pool import ConnectionFactory

    from clinic_site import breaker

    redis_url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    prefix = f"bench-faults:{os.getpid()}"
    servers = [
        ("healthy", redis_url),
        ("refused", f"redis://127.0.0.1:{closed_port()}/0"),
        ("hanging", f"redis://127.0.0.1:{HangingServer().port}/0"),
    ]
    client = Client(HTTP_HOST="127.0.0.1:8000", raise_request_exception=False)
    targets = pages()
    for _name, path in targets:  # renditions and other first-view work, outside the figures
        client.get(path)
    rows, failures = [], []
    for state, url in servers:
        for setup_name, config in caches(url, prefix):
            # django-redis keeps one connection pool per URL for the process; start afresh
            # so each setup gets its own connection class.
            ConnectionFactory._pools.clear()
            with override_settings(CACHES={"default": config}):
                for name, path in targets:
                    breaker.reset()
                    # The old setup fails each request after a timeout: one is enough.
                    slow = setup_name.startswith("before") and state == "hanging"
                    statuses, timings = run(client, path, 1 if slow else REQUESTS + 1)
                    rest = timings[1:]
                    median = f"{statistics.median(rest):.0f}" if rest else "-"
                    shown = sorted({str(status) for status in statuses})
                    rows.append(
                        f"| {state} | {setup_name} | {name} | {', '.join(shown)} | "
                        f"{timings[0]:.0f} | {median} |"
                    )
                    if setup_name == "production" and shown != ["200"]:
                        failures.append(f"{state} {name}")
    # Only this run's keys, never the rest of the shared Redis.
    healthy = redis.Redis.from_url(redis_url)
    for key in healthy.scan_iter(match=f"{prefix}:*", count=1000):
        healthy.unlink(key)
    table = "\n".join(
        [
            f"Server time per page with Redis healthy, refused and hanging; first request, then "
            f"the median of {REQUESTS} more (in process, no network).",
            "",
            "| Redis | cache setup | page | status | first ms | then median ms |",
            "| --- | --- | --- | --- | ---: | ---: |",
            *rows,
        ]
    )
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "faults.md").write_text(table + "\n")
    print(table)
    if failures:
        print("Not served with the production cache: " + ", ".join(failures))
        sys.exit(1)


if __name__ == "__main__":
    main()
