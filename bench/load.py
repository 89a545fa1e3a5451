"""
Load and faults: is every consultation request a patient was told we accepted
stored exactly once, and its e-mails sent exactly once, while the services
behind the site fail?

Why: the consultation form is how a clinic gets its patients. A request lost
while Redis restarts, or a staff notice that never arrives while the mail
server is down, is a patient nobody calls back; a request stored twice is a
patient called twice. The unit tests prove each safeguard alone; this run
proves them together, under concurrency, in the production configuration.

It builds its own world on this machine (127.0.0.1 only) and stops every
process it started, whatever happens:
- a fresh PostgreSQL database `clinic_load` (dropped and re-created), migrated
  and loaded with the demo content (with the development settings: only they
  install the demo app, and they run its background work in the command);
- its own redis-server on a free port (never the shared one): cache and queue;
- an SMTP sink (aiosmtpd) in this process that records every message;
- gunicorn with 2 workers on the production settings (DEBUG off, collected
  static files, the client address read from X-Forwarded-For as behind one
  proxy), and beside it what production runs: the RQ task worker and the
  outbox loop (`send_outbox --every 30`), each started again if it exits (as
  systemd would; each restart is reported).

Traffic: THREADS clients for --seconds (at most --max-requests requests):
page views; consultation requests by the HTML form (posted no sooner than the
form's minimum fill time, or they would be kept as spam by design); double
clicks (one form posted twice at once); JSON requests with and without an
Idempotency-Key; retries (the same JSON and key sent again); blog comments.
Every patient has their own address (X-Forwarded-For, in the benchmarking
range 198.18.0.0/15) and e-mail, so each logical submission can be traced.

Faults: the SMTP sink refuses connections for the first half and accepts them
for the second; Redis is stopped for --redis-outage seconds in the middle and
started again empty (a crash without persistence).

Afterwards it waits up to --drain seconds for the worker to deliver the
e-mails, then reconciles what each client was told with the database and the
sink. Budget: nothing lost (told "accepted" but not stored), nothing duplicated
(one submission stored twice, one e-mail received twice), no 5xx and no
unanswered request, every notification delivered. Exits non-zero otherwise.
Latency is reported, not judged: it depends on the machine. The table is
printed and written to bench/results/load.md.

Usage: make load    (or: .venv/bin/python bench/load.py --seconds 20)
"""

import argparse
import contextlib
import heapq
import http.client
import ipaddress
import itertools
import json
import os
import random
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from email import message_from_bytes
from email.header import decode_header, make_header
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[1]
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


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    parser.add_argument("--seconds", type=float, default=60, help="seconds of traffic")
    parser.add_argument(
        "--max-requests", type=int, default=6000, help="at most this many requests (about)"
    )
    parser.add_argument("--redis-outage", type=float, default=10, help="seconds Redis is down")
    parser.add_argument("--drain", type=float, default=60, help="seconds to wait for e-mails")
    parser.add_argument("--seed", type=int, default=1, help="random seed for the traffic mix")
    return parser.parse_args(argv)


# The world: database, Redis, SMTP sink, gunicorn and the task worker ------------------------


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class Processes:
    """
    Every process this run starts, each in its own process group, so that all
    can be stopped. Supervised ones are started again when they exit, as
    systemd or a container platform would; each restart is recorded.
    """

    def __init__(self, logdir):
        self.logdir = logdir
        self.running, self.commands, self.restarts = {}, {}, []
        self.order = []  # first start first: stopped in reverse, the site before Redis
        self.lock = threading.RLock()
        self.supervised, self.stopping = set(), threading.Event()
        self.supervisor = threading.Thread(target=self._supervise, daemon=True)

    def start(self, name, args, env=None, *, supervised=False):
        with self.lock, open(self.logdir / f"{name}.log", "ab") as log:
            self.commands[name] = (args, env)
            if name not in self.order:
                self.order.append(name)
            self.running[name] = subprocess.Popen(  # noqa: S603 - fixed local commands
                args,
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            if supervised:
                self.supervised.add(name)
                if not self.supervisor.is_alive():
                    self.supervisor.start()

    def alive(self, name):
        process = self.running.get(name)
        return process is not None and process.poll() is None

    def _supervise(self):
        while not self.stopping.wait(0.5):
            with self.lock:
                for name in sorted(self.supervised):
                    process = self.running.get(name)
                    if process is not None and process.poll() is not None:
                        self.restarts.append((time.monotonic(), name, process.returncode))
                        self.start(name, *self.commands[name])

    def stop(self, name, timeout=10):
        with self.lock:
            self.supervised.discard(name)
            process = self.running.pop(name, None)
        if process is None:
            return
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.killpg(process.pid, sig)
            except ProcessLookupError:
                break
            try:
                process.wait(timeout)
                break
            except subprocess.TimeoutExpired:
                continue

    def stop_all(self):
        self.stopping.set()
        if self.supervisor.is_alive():
            self.supervisor.join()
        for name in reversed(self.order):
            self.stop(name)


class SmtpSink:
    """An SMTP server that records every message; closed, its port refuses connections."""

    def __init__(self, port):
        self.port = port
        self.messages = []  # (recipients, subject)
        self.lock = threading.Lock()
        self.controller = None

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        message = message_from_bytes(envelope.original_content or envelope.content)
        subject = str(make_header(decode_header(message.get("Subject", ""))))
        with self.lock:
            self.messages.append(([r.lower() for r in envelope.rcpt_tos], subject))
        return "250 Message accepted for delivery"

    def open(self):
        from aiosmtpd.controller import Controller

        if self.controller is None:
            self.controller = Controller(self, hostname=HOST, port=self.port)
            self.controller.start()

    def close(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def received(self):
        with self.lock:
            return list(self.messages)


@dataclass
class World:
    workdir: Path
    processes: Processes
    smtp: SmtpSink
    redis_port: int
    web_port: int
    pages: dict = field(default_factory=dict)  # name -> path


def preflight():
    """What the run needs from this machine, checked before anything starts."""
    import psycopg

    missing = [tool for tool in ("redis-server", "redis-cli") if shutil.which(tool) is None]
    if missing:
        sys.exit(f"Install {' and '.join(missing)} first (Debian: apt-get install redis-server).")
    try:
        psycopg.connect(f"{POSTGRES}/postgres", connect_timeout=3).close()
    except psycopg.OperationalError as error:
        sys.exit(f"PostgreSQL is not reachable at {POSTGRES}: {error}")


@contextlib.contextmanager
def only_run():
    """
    One run at a time on this PostgreSQL server: another run would drop the
    database under this one. Held as an advisory lock for the whole run.
    """
    import psycopg

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True, connect_timeout=5) as conn:
        locked = conn.execute("SELECT pg_try_advisory_lock(hashtext(%s))", [DATABASE]).fetchone()
        if not locked[0]:
            sys.exit(f"Another load run is using the database {DATABASE}; try again when it ends.")
        yield


def recreate_database():
    import psycopg

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True, connect_timeout=5) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DATABASE}")


def wait_until(check, what, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    raise RuntimeError(f"{what} did not come up within {timeout} s")


def redis_answers(port):
    result = subprocess.run(  # noqa: S603
        ["redis-cli", "-h", HOST, "-p", str(port), "ping"],  # noqa: S607
        capture_output=True,
        text=True,
    )
    return result.stdout.strip() == "PONG"


def start_redis(world):
    world.processes.start(
        "redis",
        ["redis-server", "--bind", HOST, "--port", str(world.redis_port)]
        + ["--save", "", "--appendonly", "no"],
    )
    wait_until(lambda: redis_answers(world.redis_port), "redis-server", timeout=10)


def stop_redis(world):
    """As after a crash without persistence: whatever was queued is gone."""
    subprocess.run(  # noqa: S603
        ["redis-cli", "-h", HOST, "-p", str(world.redis_port), "shutdown", "nosave"],  # noqa: S607
        capture_output=True,
    )
    world.processes.stop("redis")


def base_environment():
    """
    Only what a process needs to start: settings read the rest from the
    environment, and an inherited EMAIL_HOST, AWS_* or CLINIC_WEBHOOK_URLS
    would send this run's traffic off the machine.
    """
    keep = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "VIRTUAL_ENV")
    return {name: os.environ[name] for name in keep if name in os.environ}


# This run's key for the patient data encrypted at rest (the site's and the reconciliation's).
ENCRYPTION_KEY = Fernet.generate_key().decode()


def environments(workdir, *, web_port, redis_port, smtp_port):
    """(production, development) environments for the site's processes and commands."""
    database_url = f"{POSTGRES}/{DATABASE}"
    keys = {
        "CLINIC_ENCRYPTION_KEYS": ENCRYPTION_KEY,
        "CLINIC_BLIND_INDEX_KEY": secrets.token_hex(32),
    }
    production = {
        **keys,
        **base_environment(),
        "DJANGO_SETTINGS_MODULE": "clinic_site.settings.production",
        "PYTHONUNBUFFERED": "1",  # logs in order, up to the last line
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": f"{HOST},localhost",
        "DATABASE_URL": database_url,
        "REDIS_URL": f"redis://{HOST}:{redis_port}/0",
        "EMAIL_HOST": HOST,
        "EMAIL_PORT": str(smtp_port),
        "EMAIL_USE_TLS": "false",
        "EMAIL_TIMEOUT": "5",
        "SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
        "WAGTAILADMIN_BASE_URL": f"http://{HOST}:{web_port}",
        # As behind nginx: one trusted proxy appends the client's address.
        "CLINIC_PROXY_COUNT": "1",
        # Retry failed e-mails within the run rather than minutes later.
        "CLINIC_OUTBOX_RETRY_BASE_SECONDS": "2",
        "CLINIC_OUTBOX_RETRY_MAX_SECONDS": "20",
    }
    development = {
        **keys,
        **base_environment(),
        "DJANGO_SETTINGS_MODULE": "clinic_site.settings.dev",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(workdir / "media"),
    }
    return production, development


def manage(*args, env, log):
    with open(log, "ab") as out:
        return subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=out,
            stderr=subprocess.STDOUT,
        )


def discover_pages(env):
    listing = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "shell", "-v", "0", "-c"]
        + [
            "import json; from tests.e2e.site_pages import public_pages; "
            "print(json.dumps(dict(public_pages())))"
        ],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    pages = json.loads(listing.stdout.strip().splitlines()[-1])
    return {name: path for name, path in pages.items() if name in PAGE_VIEWS}


def build_world(workdir, processes):
    world = World(
        workdir=workdir,
        processes=processes,
        smtp=SmtpSink(free_port()),
        redis_port=free_port(),
        web_port=free_port(),
    )
    production, development = environments(
        workdir, web_port=world.web_port, redis_port=world.redis_port, smtp_port=world.smtp.port
    )
    log = workdir / "setup.log"
    started = time.monotonic()
    print(f"Building the world in {workdir} (logs there) ...", flush=True)
    recreate_database()
    start_redis(world)
    manage("migrate", "--noinput", env=production, log=log)
    manage("collectstatic", "--noinput", env=production, log=log)
    manage("load_demo_content", env=development, log=log)
    world.pages = discover_pages(development)
    processes.start(
        "gunicorn",
        [sys.executable, "-m", "gunicorn", "clinic_site.wsgi:application"]
        + ["--workers", str(WORKERS), "--bind", f"{HOST}:{world.web_port}"]
        + ["--timeout", str(HTTP_TIMEOUT), "--graceful-timeout", "5", "--no-control-socket"],
        env=production,
        supervised=True,
    )
    processes.start(
        "worker",
        [sys.executable, "manage.py", "rqworker", "--job-class", "django_tasks_rq.Job"]
        + ["--with-scheduler", "default"],
        env=production,
        supervised=True,
    )
    processes.start(
        "outbox",
        [sys.executable, "manage.py", "send_outbox", "--every", str(OUTBOX_EVERY)],
        env=production,
        supervised=True,
    )
    wait_until(lambda: get_status(world.web_port, "/") == 200, "gunicorn")
    print(f"World ready in {time.monotonic() - started:.0f} s.", flush=True)
    return world


# HTTP, to 127.0.0.1 only ----------------------------------------------------------------------


@dataclass
class Response:
    status: int | None  # None: no answer (connection refused, reset, timed out)
    ms: float
    body: str = ""
    location: str = ""
    cookies: dict = field(default_factory=dict)
    error: str = ""


def request(port, method, path, *, headers=None, body=None):
    started = time.perf_counter()
    conn = http.client.HTTPConnection(HOST, port, timeout=HTTP_TIMEOUT)
    try:
        conn.request(method, path, body=body, headers={"Connection": "close", **(headers or {})})
        answer = conn.getresponse()
        text = answer.read().decode("utf-8", "replace")
        cookies = SimpleCookie()
        for header in answer.msg.get_all("Set-Cookie") or []:
            cookies.load(header)
        return Response(
            status=answer.status,
            ms=(time.perf_counter() - started) * 1000,
            body=text,
            location=answer.getheader("Location", ""),
            cookies={name: morsel.value for name, morsel in cookies.items()},
        )
    except (OSError, http.client.HTTPException) as error:
        return Response(None, (time.perf_counter() - started) * 1000, error=type(error).__name__)
    finally:
        conn.close()


def get_status(port, path):
    return request(port, "GET", path).status


class FormInputs(HTMLParser):
    """The inputs of a page's forms: hidden values, and the values offered per radio group."""

    def __init__(self, text):
        super().__init__()
        self.values, self.choices = {}, defaultdict(list)
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag != "input" or not attrs.get("name"):
            return
        if attrs.get("type") == "radio":
            self.choices[attrs["name"]].append(attrs.get("value", ""))
        elif attrs.get("type") == "hidden":
            self.values[attrs["name"]] = attrs.get("value", "")


# Traffic ----------------------------------------------------------------------------------------


@dataclass
class Sent:
    """One HTTP request: what it was, when (seconds into the run), and its answer."""

    label: str
    at: float
    status: int | None
    ms: float
    verdict: str = ""  # accepted / refused: <reason> for submissions


@dataclass
class Submission:
    """One patient's logical submission, however many requests it took."""

    kind: str
    email: str
    accepted: bool = False
    verdicts: list = field(default_factory=list)


@dataclass
class Patient:
    number: int

    @property
    def address(self):
        return str(FIRST_ADDRESS + self.number)

    @property
    def name(self):
        return f"Load Patient {self.number}"

    @property
    def email(self):
        return f"patient-{self.number}@{EMAIL_DOMAIN}"


@dataclass
class PendingForm:
    """A form a patient was shown, waiting until a person could have filled it in."""

    kind: str
    patient: Patient
    ready_at: float
    fields: dict
    cookie: str = ""


class Traffic:
    """The clients' shared state: the clock, the request bound, forms waiting to be sent."""

    def __init__(self, world, seconds, max_requests, seed):
        self.world = world
        self.seconds = seconds
        self.max_requests = max_requests
        self.seed = seed
        self.started = time.monotonic()
        self.lock = threading.Lock()
        self.patients = itertools.count(1)
        self.sent, self.submissions, self.client_errors = [], [], []
        self.pending, self.sequence = [], itertools.count()
        self.stopping = threading.Event()

    def now(self):
        return time.monotonic() - self.started

    def budget_left(self):
        return len(self.sent) < self.max_requests and self.now() < self.seconds

    def may_fetch_forms(self):
        return self.budget_left() and self.now() < self.seconds - FILL_WAIT

    def new_patient(self):
        with self.lock:
            return Patient(next(self.patients))

    def call(self, label, method, path, *, patient, headers=None, body=None):
        at = self.now()
        headers = {"X-Forwarded-For": patient.address, **(headers or {})}
        response = request(self.world.web_port, method, path, headers=headers, body=body)
        record = Sent(label, at, response.status, response.ms)
        with self.lock:
            self.sent.append(record)
        return response, record

    def submission(self, kind, patient):
        record = Submission(kind, patient.email)
        with self.lock:
            self.submissions.append(record)
        return record

    def wait_to_send(self, form):
        with self.lock:
            heapq.heappush(self.pending, (form.ready_at, next(self.sequence), form))

    def ready_form(self):
        with self.lock:
            if self.pending and self.pending[0][0] <= self.now():
                return heapq.heappop(self.pending)[2]
        return None

    def forms_waiting(self):
        with self.lock:
            return bool(self.pending)


def judge(record, submission, verdict):
    record.verdict = verdict
    submission.verdicts.append(verdict)
    if verdict == "accepted":
        submission.accepted = True


def html_verdict(response):
    if response.status is None:
        return f"no answer ({response.error})"
    if response.status == 302 and "/thank-you/" in response.location:
        return "accepted"
    if response.status == 200:
        if RATE_LIMITED_TEXT in response.body:
            return "refused: rate limited (form shown again)"
        return "refused: errors in the form (form shown again)"
    return f"refused: HTTP {response.status}" if response.status < 500 else "server error"


def json_verdict(response):
    if response.status is None:
        return f"no answer ({response.error})"
    if response.status == 201 and '"reference"' in response.body:
        return "accepted"
    if response.status >= 500:
        return "server error"
    if response.status == 429:
        return "refused: HTTP 429 (rate limited)"
    if response.status == 422:
        try:
            fields = ", ".join(sorted(json.loads(response.body)["errors"]))
        except (ValueError, KeyError, TypeError):
            fields = "?"
        return f"refused: HTTP 422 ({fields})"
    return f"refused: HTTP {response.status}"


def comment_verdict(response):
    if response.status is None:
        return f"no answer ({response.error})"
    if response.status == 302:
        return "accepted"
    if response.status >= 500:
        return "server error"
    if response.status == 429:
        return "refused: HTTP 429 (comment rate limit)"
    return f"refused: HTTP {response.status}"


def form_not_shown(response):
    if response.status is None:
        return f"form not shown: no answer ({response.error})"
    return f"form not shown: HTTP {response.status}"


def view_page(traffic, rng):
    path = rng.choice(sorted(traffic.world.pages.values()))
    traffic.call("page view", "GET", path, patient=traffic.new_patient())


def show_html_form(traffic, kind):
    patient = traffic.new_patient()
    path = traffic.world.pages["consultation"]
    response, _sent = traffic.call("form (GET)", "GET", path, patient=patient)
    if response.status != 200:
        traffic.submission(kind, patient).verdicts.append(form_not_shown(response))
        return
    inputs = FormInputs(response.body)
    fields = {
        "csrfmiddlewaretoken": inputs.values.get("csrfmiddlewaretoken", ""),
        "form_token": inputs.values.get("form_token", ""),
        "name": patient.name,
        "email": patient.email,
        "phone": "",
        "preferred_contact": "email",
        "patient_status": "new",
        "treatment": "not-sure",
        "consultation_type": (inputs.choices.get("consultation_type") or [""])[0],
        "message": f"Load test request {patient.number}.",
        "heard_about": "",
        "consent": "on",
        "website": "",
    }
    cookie = f"csrftoken={response.cookies.get('csrftoken', '')}"
    traffic.wait_to_send(PendingForm(kind, patient, traffic.now() + FILL_WAIT, fields, cookie))


def post_html(traffic, form, submission):
    response, sent = traffic.call(
        "submit (HTML)",
        "POST",
        traffic.world.pages["consultation"],
        patient=form.patient,
        headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": form.cookie},
        body=urlencode(form.fields),
    )
    judge(sent, submission, html_verdict(response))


def send_html_form(traffic, form):
    submission = traffic.submission(form.kind, form.patient)
    if form.kind != "double click":
        post_html(traffic, form, submission)
        return
    together = threading.Barrier(2)

    def click():
        together.wait(timeout=5)
        post_html(traffic, form, submission)

    second = threading.Thread(target=click, daemon=True)
    second.start()
    click()
    second.join(HTTP_TIMEOUT + 5)


def show_json_form(traffic, kind):
    patient = traffic.new_patient()
    response, _sent = traffic.call(
        "form (GET)", "GET", "/api/v3/consultations/form/", patient=patient
    )
    try:
        form = json.loads(response.body) if response.status == 200 else None
    except ValueError:
        form = None
    if form is None:
        traffic.submission(kind, patient).verdicts.append(form_not_shown(response))
        return
    types = next((f["choices"] for f in form["fields"] if f["name"] == "consultation_type"), [])
    fields = {
        "page": form["page"],
        "name": patient.name,
        "email": patient.email,
        "preferred_contact": "email",
        "patient_status": "new",
        "treatment": "not-sure",
        "consultation_type": types[0]["value"] if types else "",
        "message": f"Load test request {patient.number}.",
        "consent": True,
        "form_token": form["form_token"],
    }
    traffic.wait_to_send(PendingForm(kind, patient, traffic.now() + FILL_WAIT, fields))


def send_json_form(traffic, form):
    submission = traffic.submission(form.kind, form.patient)
    headers = {"Content-Type": "application/json"}
    if form.kind != "json":
        headers["Idempotency-Key"] = f"load-{form.patient.number}-{secrets.token_hex(8)}"
    body = json.dumps(form.fields)
    for _attempt in range(2 if form.kind == "json retry" else 1):
        response, sent = traffic.call(
            "submit (JSON)",
            "POST",
            "/api/v3/consultations/",
            patient=form.patient,
            headers=headers,
            body=body,
        )
        judge(sent, submission, json_verdict(response))


def send_comment(traffic):
    patient = traffic.new_patient()
    path = traffic.world.pages["blog-post"]
    response, _sent = traffic.call("form (GET)", "GET", path, patient=patient)
    submission = traffic.submission("comment", patient)
    if response.status != 200:
        submission.verdicts.append(form_not_shown(response))
        return
    fields = {
        "csrfmiddlewaretoken": FormInputs(response.body).values.get("csrfmiddlewaretoken", ""),
        "name": patient.name,
        "email": patient.email,
        "body": f"Thank you for this article ({patient.number}).",
        "website": "",
    }
    response, sent = traffic.call(
        "comment (POST)",
        "POST",
        path + "comment/",
        patient=patient,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={response.cookies.get('csrftoken', '')}",
        },
        body=urlencode(fields),
    )
    judge(sent, submission, comment_verdict(response))


def next_action(traffic, rng):
    kinds = list(ACTIONS)
    if not traffic.may_fetch_forms():
        kinds = ["page view"]
    if "blog-post" not in traffic.world.pages:
        kinds = [kind for kind in kinds if kind != "comment"]
    return rng.choices(kinds, weights=[ACTIONS[kind] for kind in kinds])[0]


def act(traffic, rng):
    """One step of one client: send a form that is ready, or start something new."""
    form = traffic.ready_form()
    if form is not None:
        if form.kind in ("html", "double click"):
            send_html_form(traffic, form)
        else:
            send_json_form(traffic, form)
        return True
    if not traffic.budget_left():
        return False
    kind = next_action(traffic, rng)
    if kind == "page view":
        view_page(traffic, rng)
    elif kind == "comment":
        send_comment(traffic)
    elif kind in ("html", "double click"):
        show_html_form(traffic, kind)
    else:
        show_json_form(traffic, kind)
    return True


def client(traffic, index):
    rng = random.Random(traffic.seed * 1000 + index)  # noqa: S311 - a traffic mix, not security
    while not traffic.stopping.is_set():
        try:
            busy = act(traffic, rng)
        except Exception as error:  # a bug here must not stop the run, but is reported
            with traffic.lock:
                traffic.client_errors.append(f"{type(error).__name__}: {error}")
            busy = True
        if not busy:
            if not traffic.forms_waiting():
                return
            time.sleep(0.05)  # forms shown before the end are still sent


# Faults -----------------------------------------------------------------------------------------


def fault_plan(seconds, outage):
    """(at, what) pairs: the SMTP sink opens halfway, Redis is down around the middle."""
    outage = min(outage, seconds / 2)
    return sorted(
        [
            (seconds / 2 - outage / 2, "redis down"),
            (seconds / 2, "smtp up"),
            (seconds / 2 + outage / 2, "redis up"),
        ]
    )


def inject(world, what):
    if what == "redis down":
        stop_redis(world)
    elif what == "redis up":
        start_redis(world)
    elif what == "smtp up":
        world.smtp.open()


def run_faults(world, traffic, plan):
    """Runs in the main thread while the clients work; returns when each fault happened."""
    timeline = [(0.0, "smtp down")]
    for at, what in plan:
        time.sleep(max(0.0, at - traffic.now()))
        inject(world, what)
        timeline.append((traffic.now(), what))
    return timeline


def phase_at(timeline, at):
    """The state of the faults at a moment of the run, e.g. 'SMTP down, Redis up'."""
    smtp, redis = "down", "up"
    for when, what in timeline:
        if when > at:
            break
        service, state = what.split()
        if service == "smtp":
            smtp = state
        else:
            redis = state
    return f"SMTP {smtp}, Redis {redis}"


# Reconciling what clients were told with what was stored and sent ------------------------------


def stored_rows():
    """Rows of this run by e-mail: consultation requests (id, status) and comments."""
    import psycopg

    requests, comments = defaultdict(list), defaultdict(list)
    pattern = f"%@{EMAIL_DOMAIN}"
    for pk, email, status in this_runs_requests():
        requests[email].append((pk, status))
    with psycopg.connect(f"{POSTGRES}/{DATABASE}", connect_timeout=5) as conn:
        for pk, email, status in conn.execute(
            "SELECT id, lower(email), status FROM blog_blogcomment WHERE email LIKE %s", [pattern]
        ):
            comments[email].append((pk, status))
    return requests, comments


def this_runs_requests():
    """(id, e-mail, status) of this run's consultation requests, decrypted with the run's key."""
    import psycopg

    fernet = Fernet(ENCRYPTION_KEY.encode())
    with psycopg.connect(f"{POSTGRES}/{DATABASE}", connect_timeout=5) as conn:
        rows = conn.execute("SELECT id, email, status FROM consultations_consultationrequest")
        decrypted = [
            (pk, fernet.decrypt(email.encode()).decode().lower(), status)
            for pk, email, status in rows
            if email
        ]
    return [row for row in decrypted if row[1].endswith(f"@{EMAIL_DOMAIN}")]


def delivery_states():
    """How the site itself sees this run's notifications (its outbox): "kind status" -> count."""
    import psycopg

    ids = [pk for pk, _email, _status in this_runs_requests()]
    with psycopg.connect(f"{POSTGRES}/{DATABASE}", connect_timeout=5) as conn:
        rows = conn.execute(
            "SELECT o.kind || ' ' || o.status, count(*) FROM clinic_site_outboxmessage o "
            "JOIN django_content_type t ON t.id = o.content_type_id "
            "AND t.app_label = 'consultations' AND t.model = 'consultationrequest' "
            "WHERE o.object_id = ANY(%s) GROUP BY 1 ORDER BY 1",
            [ids],
        ).fetchall()
    return dict(rows)


SUBMISSION_COLUMNS = ["sent", "accepted", "stored", "lost", "duplicated"]
SUBMISSION_COLUMNS += ["stored, not told", "spam"]


def reconcile_submissions(submissions, requests, comments):
    """
    Per kind: sent, accepted, stored, lost (accepted, not stored), duplicated
    (more than one row), stored though the client was not told so, and kept as spam.
    """
    table = {kind: Counter(dict.fromkeys(SUBMISSION_COLUMNS, 0)) for kind in SUBMISSION_KINDS}
    for submission in submissions:
        rows = (comments if submission.kind == "comment" else requests).get(submission.email, [])
        counts = table[submission.kind]
        counts["sent"] += 1
        counts["accepted"] += submission.accepted
        counts["stored"] += bool(rows)
        counts["lost"] += submission.accepted and not rows
        counts["duplicated"] += len(rows) > 1
        counts["stored, not told"] += bool(rows) and not submission.accepted
        counts["spam"] += submission.kind != "comment" and any(s == "spam" for _, s in rows)
    return table


STAFF_REFERENCE = re.compile(r"#(\d+)\b")


def expected_mail(requests):
    """What the sink should receive: a staff notice per request and the patient's confirmation."""
    expected = set()
    for email, rows in requests.items():
        for pk, status in rows:
            if status != "spam":
                expected.add(("staff notice", str(pk)))
                expected.add(("confirmation", email))
    return expected


def received_mail(messages, patient_emails):
    received = Counter()
    for recipients, subject in messages:
        if match := STAFF_REFERENCE.search(subject):
            received[("staff notice", match.group(1))] += 1
        for recipient in recipients:
            if recipient in patient_emails:
                received[("confirmation", recipient)] += 1
    return received


def reconcile_mail(requests, messages):
    """Per kind of e-mail: expected, delivered, missing, duplicated, unexpected."""
    expected = expected_mail(requests)
    received = received_mail(messages, set(requests))
    table = {}
    for kind in ("staff notice", "confirmation"):
        want = {key for key in expected if key[0] == kind}
        got = {key: n for key, n in received.items() if key[0] == kind}
        table[kind] = {
            "expected": len(want),
            "delivered": len(want & set(got)),
            "missing": len(want - set(got)),
            "duplicated": sum(1 for key, n in got.items() if key in want and n > 1),
            "unexpected": sum(n for key, n in got.items() if key not in want),
        }
    return table


def wait_for_mail(world, requests, seconds):
    """Until every expected e-mail has arrived, or `seconds` have passed; returns the wait."""
    started = time.monotonic()
    expected = expected_mail(requests)
    while time.monotonic() - started < seconds:
        received = received_mail(world.smtp.received(), set(requests))
        if expected <= set(received):
            break
        time.sleep(1)
    return time.monotonic() - started


# What the server's own logs say ----------------------------------------------------------------

EXCEPTION_LINE = re.compile(r"^[A-Za-z_][\w.]*(Error|Exception)\b")


def server_error_causes(log_path):
    """The exception that ended each "Internal Server Error" in gunicorn's log, by type."""
    causes = Counter()
    text = log_path.read_text(errors="replace") if log_path.exists() else ""
    for chunk in text.split("Internal Server Error: ")[1:]:
        finals = [line for line in chunk.splitlines() if EXCEPTION_LINE.match(line)]
        causes[finals[-1].split(":")[0] if finals else "unknown"] += 1
    return causes


def scheduler_crashes(log_path):
    """How often the worker's RQ scheduler (delayed and retried tasks) stopped on an error."""
    text = log_path.read_text(errors="replace") if log_path.exists() else ""
    return len(re.findall(r"^Scheduler \[PID \d+\] raised an exception", text, re.MULTILINE))


# The report -------------------------------------------------------------------------------------


def percentiles(values):
    if not values:
        return "-", "-", "-"
    if len(values) == 1:
        return (f"{values[0]:.0f}",) * 3
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return tuple(f"{cuts[p - 1]:.0f}" for p in (50, 95, 99))


def http_table(sent):
    lines = [
        "| request | sent | 2xx/3xx | 4xx | 5xx | no answer | p50 ms | p95 ms | p99 ms |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    by_label = defaultdict(list)
    for record in sent:
        by_label[record.label].append(record)
    for label, records in [*sorted(by_label.items()), ("all", sent)]:
        statuses = [r.status for r in records]
        p50, p95, p99 = percentiles([r.ms for r in records if r.status is not None])
        lines.append(
            f"| {label} | {len(records)} | {sum(1 for s in statuses if s and s < 400)} "
            f"| {sum(1 for s in statuses if s and 400 <= s < 500)} "
            f"| {sum(1 for s in statuses if s and s >= 500)} "
            f"| {sum(1 for s in statuses if s is None)} | {p50} | {p95} | {p99} |"
        )
    return lines


def phase_table(sent, timeline):
    lines = [
        '| faults in force | requests | 5xx | no answer | answered "accepted" |',
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    by_phase = defaultdict(list)
    for record in sent:
        by_phase[phase_at(timeline, record.at)].append(record)
    for phase, records in sorted(by_phase.items(), key=lambda item: item[1][0].at):
        lines.append(
            f"| {phase} | {len(records)} | {sum(1 for r in records if (r.status or 0) >= 500)} "
            f"| {sum(1 for r in records if r.status is None)} "
            f"| {sum(1 for r in records if r.verdict == 'accepted')} |"
        )
    return lines


def submission_lines(table):
    columns = SUBMISSION_COLUMNS
    lines = [
        "| submission | " + " | ".join(columns) + " |",
        "| --- |" + " ---: |" * len(columns),
    ]
    total = Counter()
    for kind, counts in table.items():
        total.update(counts)
        lines.append(f"| {kind} | " + " | ".join(str(counts[c]) for c in columns) + " |")
    lines.append("| all | " + " | ".join(str(total[c]) for c in columns) + " |")
    return lines, total


def answer_lines(submissions):
    """Every answer other than "accepted", by kind of submission: refusals and failures."""
    answers = Counter(
        (s.kind, verdict) for s in submissions for verdict in s.verdicts if verdict != "accepted"
    )
    if not answers:
        return ["Every submission was accepted."]
    lines = ["| submission | answer other than accepted | times |", "| --- | --- | ---: |"]
    for (kind, verdict), n in sorted(answers.items()):
        lines.append(f"| {kind} | {verdict} | {n} |")
    return lines


def mail_lines(table, states):
    columns = ["expected", "delivered", "missing", "duplicated", "unexpected"]
    lines = [
        "| e-mail | " + " | ".join(columns) + " |",
        "| --- |" + " ---: |" * len(columns),
    ]
    for kind, counts in table.items():
        lines.append(f"| {kind} | " + " | ".join(str(counts[c]) for c in columns) + " |")
    summary = ", ".join(f"{state} {n}" for state, n in states.items()) or "none"
    lines += ["", f"Delivery state the site recorded for this run's requests: {summary}."]
    return lines


def failures(total, mail, sent, client_errors):
    found = []
    if total["lost"]:
        found.append(f"{total['lost']} accepted submissions not stored")
    if total["duplicated"]:
        found.append(f"{total['duplicated']} submissions stored more than once")
    server_errors = sum(1 for r in sent if (r.status or 0) >= 500)
    if server_errors:
        found.append(f"{server_errors} responses with a 5xx status")
    unanswered = sum(1 for r in sent if r.status is None)
    if unanswered:
        found.append(f"{unanswered} requests without an answer")
    for kind, counts in mail.items():
        if counts["missing"]:
            found.append(f"{counts['missing']} {kind}s never delivered")
        if counts["duplicated"]:
            found.append(f"{counts['duplicated']} {kind}s delivered more than once")
    if client_errors:
        found.append(f"{len(client_errors)} errors in the load script itself")
    return found


@dataclass
class Run:
    """Everything one run saw, for the report."""

    args: argparse.Namespace
    traffic: Traffic
    timeline: list
    requests: dict  # e-mail -> [(id, status)] of consultation requests
    comments: dict  # e-mail -> [(id, status)] of blog comments
    messages: list  # (recipients, subject) received by the SMTP sink
    drained: float
    states: dict  # notification status -> requests
    running: dict  # process name -> still running at the end
    restarts: list  # (seconds into the run, process name, exit code) of exited processes
    server_errors: Counter = field(default_factory=Counter)
    scheduler_crashes: int = 0


def log_lines(run):
    causes = ", ".join(f"{name} {n}" for name, n in run.server_errors.most_common())
    lines = [f"Causes of the 5xx in the server log: {causes or 'none'}."]
    if run.restarts:
        exits = ", ".join(f"{name} at {at:.1f} s (exit {code})" for at, name, code in run.restarts)
        lines.append(f"Exited, and started again as a supervisor would: {exits}.")
    if run.scheduler_crashes:
        lines.append(
            f"The worker's RQ scheduler (delayed and retried tasks) stopped on an error "
            f"{run.scheduler_crashes} time(s)."
        )
    return lines


def report(run):
    """The tables, and whether the run was over budget."""
    args, traffic = run.args, run.traffic
    table = reconcile_submissions(traffic.submissions, run.requests, run.comments)
    mail = reconcile_mail(run.requests, run.messages)
    submissions, total = submission_lines(table)
    found = failures(total, mail, traffic.sent, traffic.client_errors)
    events = ", ".join(f"{what} at {at:.1f} s" for at, what in run.timeline)
    running = ", ".join(
        f"{name} {'running' if alive else 'exited'}" for name, alive in run.running.items()
    )
    lines = [
        f"Load and faults: {THREADS} clients for {args.seconds:g} s against gunicorn "
        f"({WORKERS} workers, production settings) on PostgreSQL, Redis and an SMTP sink; "
        f"{len(traffic.sent)} requests (bound {args.max_requests}), seed {args.seed}.",
        f"Faults: {events}. E-mails waited for {run.drained:.0f} s after the traffic "
        f"(at most {args.drain:g} s). At the end: {running}.",
        "",
        *http_table(traffic.sent),
        "",
        *phase_table(traffic.sent, run.timeline),
        "",
        *submissions,
        "",
        *answer_lines(traffic.submissions),
        "",
        *mail_lines(mail, run.states),
        "",
        *log_lines(run),
        "",
        "Budget: no submission lost or duplicated, no 5xx, no request unanswered, every "
        "staff notice and confirmation delivered exactly once.",
        ("Over budget: " + "; ".join(found) + ".") if found else "Within budget.",
    ]
    if traffic.client_errors:
        lines += ["", "Load script errors: " + "; ".join(sorted(set(traffic.client_errors)))]
    return "\n".join(lines), bool(found)


# Running it -------------------------------------------------------------------------------------


def run_traffic(world, args):
    traffic = Traffic(world, args.seconds, args.max_requests, args.seed)
    clients = [
        threading.Thread(target=client, args=(traffic, i), daemon=True) for i in range(THREADS)
    ]
    for thread in clients:
        thread.start()
    try:
        timeline = run_faults(world, traffic, fault_plan(args.seconds, args.redis_outage))
        for thread in clients:
            thread.join(max(1.0, args.seconds + FILL_WAIT + 2 * HTTP_TIMEOUT - traffic.now()))
    finally:
        traffic.stopping.set()
    return traffic, timeline


def measure(world, args):
    print(f"Traffic for {args.seconds:g} s, faults on the way ...", flush=True)
    traffic, timeline = run_traffic(world, args)
    world.smtp.open()  # already open unless the run was shorter than planned
    requests, comments = stored_rows()
    print(f"Waiting up to {args.drain:g} s for the e-mails ...", flush=True)
    drained = wait_for_mail(world, requests, args.drain)
    return Run(
        args=args,
        traffic=traffic,
        timeline=timeline,
        requests=requests,
        comments=comments,
        messages=world.smtp.received(),
        drained=drained,
        states=delivery_states(),
        running={name: world.processes.alive(name) for name in SITE_PROCESSES},
        restarts=[
            (at - traffic.started, name, code) for at, name, code in world.processes.restarts
        ],
    )


def raise_on_sigterm():
    def stop(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)


def run_and_report(args):
    """Build the world, run, stop everything, report; True when over budget."""
    workdir = Path(tempfile.mkdtemp(prefix="load-"))
    processes = Processes(workdir)
    world = None
    try:
        world = build_world(workdir, processes)
        run = measure(world, args)
    finally:
        if world is not None:
            world.smtp.close()
        processes.stop_all()
        for bulky in ("static", "media"):  # keep only the logs
            shutil.rmtree(workdir / bulky, ignore_errors=True)
    run.server_errors = server_error_causes(workdir / "gunicorn.log")
    run.scheduler_crashes = scheduler_crashes(workdir / "worker.log")
    text, failed = report(run)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "load.md").write_text(text + "\n")
    print(text)
    print(f"Logs: {workdir}")
    return failed


def main(argv=None):
    args = parse_args(argv)
    preflight()
    raise_on_sigterm()
    try:
        with only_run():
            failed = run_and_report(args)
    except KeyboardInterrupt:
        sys.exit("Interrupted; every process this run started is stopped.")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
