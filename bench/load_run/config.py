"""The load run's fixed parameters: where it runs, how many clients, what they do."""

import ipaddress
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "bench" / "results"

HOST = "127.0.0.1"  # the only address this script ever sends traffic to
DATABASE = "clinic_load"
POSTGRES = f"postgres://postgres@{HOST}:5432"
THREADS = 8
WORKERS = 2
OUTBOX_EVERY = 30  # seconds: the outbox loop beside the worker, as docs/deploy.md runs it
SITE_PROCESSES = ("gunicorn", "worker", "outbox")
FILL_WAIT = 3.5  # seconds between showing a form and sending it (the form's minimum is 3)
HTTP_TIMEOUT = 30
FIRST_ADDRESS = ipaddress.IPv4Address("198.18.0.1")  # RFC 2544 benchmarking range
EMAIL_DOMAIN = "load.example.com"
RATE_LIMITED_TEXT = "We could not accept your request just now"

# What a client does next, and how often (weights).
ACTIONS = {
    "page view": 50,
    "html": 12,
    "double click": 5,
    "json": 8,
    "json + key": 8,
    "json retry": 7,
    "comment": 10,
}
SUBMISSION_KINDS = [kind for kind in ACTIONS if kind != "page view"]
PAGE_VIEWS = {"home", "blog-index", "blog-post", "blog-category", "treatment-index"}
PAGE_VIEWS |= {"treatment", "faq", "consultation"}
