"""The clients: patients sending page views, forms, JSON requests, retries and
comments, and what each was told."""

import heapq
import itertools
import json
import random
import secrets
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode

from .config import ACTIONS, EMAIL_DOMAIN, FILL_WAIT, FIRST_ADDRESS, HTTP_TIMEOUT, RATE_LIMITED_TEXT
from .http_client import FormInputs, request


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
