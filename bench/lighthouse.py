"""
Lighthouse audit of every public page type, in mobile mode.

Builds the demo clinic in a throw-away SQLite database, serves it, runs
Lighthouse (npm `lighthouse`, with Debian's Chromium) on each page type, prints
a table of the four category scores and writes it to bench/results/. Exits
non-zero when a page scores below its budget: 100 for accessibility, SEO and
best practices, 95 for performance. Lighthouse itself exits 0 whatever the
scores, so they are read from its JSON report.

Search results must not be indexed, so they cannot score 100 for SEO by design
(Lighthouse counts `noindex` against a page); that SEO score is reported but
not held to the budget. Lighthouse refuses to audit a page served with a 404
status, so the 404 page is checked by the axe tests only.

Usage: make lighthouse    (or: .venv/bin/python bench/lighthouse.py)
"""

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.e2e.browser import CHROMIUM, CHROMIUM_FLAGS  # noqa: E402

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
RESULTS = ROOT / "bench" / "results"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
BUDGET = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
SEO_EXEMPT = {"search-results", "search-recommended"}  # noindex by design
NOT_AUDITED = {"not-found"}  # Lighthouse stops on a 404 status


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(*args, env, capture=False):
    return subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        text=True,
        capture_output=capture,
    )


def wait_for(url, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - loopback only
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"server did not answer at {url}")


# Lighthouse now and then fails to record Chromium's trace of a load ("NO_NAVSTART",
# "Please run Lighthouse again"): a page is audited up to this many times.
ATTEMPTS = 3


def audit(url):
    for attempt in range(1, ATTEMPTS + 1):
        try:
            return audit_once(url)
        except subprocess.CalledProcessError:
            if attempt == ATTEMPTS:
                raise
            print(f"Lighthouse failed on {url}; running it again.", flush=True)
    return None


def audit_once(url):
    with tempfile.NamedTemporaryFile(suffix=".json") as report:
        subprocess.run(  # noqa: S603
            [
                str(LIGHTHOUSE),
                url,
                "--quiet",
                "--output=json",
                f"--output-path={report.name}",
                "--form-factor=mobile",
                f"--only-categories={','.join(CATEGORIES)}",
                f"--chrome-flags={' '.join(CHROMIUM_FLAGS)}",
            ],
            env={**os.environ, "CHROME_PATH": CHROMIUM},
            check=True,
            timeout=180,
        )
        data = json.loads(Path(report.name).read_text())
    return {name: round(data["categories"][name]["score"] * 100) for name in CATEGORIES}


def main():
    if not LIGHTHOUSE.exists():
        sys.exit("Lighthouse is not installed: run `npm ci` in the repository root.")
    if not Path(CHROMIUM).exists():
        sys.exit("Chromium is not installed: run `apt-get install chromium`.")

    workdir = Path(tempfile.mkdtemp(prefix="lighthouse-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "clinic_site.settings.dev",
        "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
        "MEDIA_ROOT": str(workdir / "media"),
    }
    manage("migrate", "--noinput", "-v", "0", env=env)
    manage("load_demo_content", env=env, capture=True)
    listing = manage(
        "shell",
        "-v",
        "0",
        "-c",
        "import json; from tests.e2e.site_pages import public_pages; "
        "print(json.dumps(public_pages()))",
        env=env,
        capture=True,
    )
    pages = [
        (name, path)
        for name, path in json.loads(listing.stdout.strip().splitlines()[-1])
        if name not in NOT_AUDITED
    ]

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(base + "/")
        rows = [(name, path, audit(base + path)) for name, path in pages]
    finally:
        server.terminate()
        server.wait(timeout=10)

    failures = []
    lines = [
        "| page | path | performance | accessibility | best practices | SEO |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for name, path, scores in rows:
        cells = []
        for category in CATEGORIES:
            score = scores[category]
            exempt = category == "seo" and name in SEO_EXEMPT
            below = score < BUDGET[category] and not exempt
            if below:
                failures.append(f"{name} {category} {score} < {BUDGET[category]}")
            cells.append(f"{score}{' (exempt)' if exempt else ''}{' BELOW' if below else ''}")
        lines.append(f"| {name} | `{path}` | " + " | ".join(cells) + " |")
    budget = ", ".join(f"{k} {v}" for k, v in BUDGET.items())
    table = "\n".join(lines) + f"\n\nBudget (mobile): {budget}.\n"

    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "lighthouse.md").write_text(table)
    (RESULTS / "lighthouse.json").write_text(
        json.dumps([{"page": n, "path": p, **s} for n, p, s in rows], indent=2)
    )
    print(table)
    if failures:
        print("Below budget:\n  " + "\n  ".join(failures))
        sys.exit(1)
    print("All pages meet the budget.")


if __name__ == "__main__":
    main()
