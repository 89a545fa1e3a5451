"""
The load run's bookkeeping, on fabricated results (what counts as lost,
duplicated or delivered), and its process handling. The run itself
(`make load`) is a benchmark, not a test.
"""

import time
from pathlib import Path

from bench.load_run.http_client import Response
from bench.load_run.outages import fault_plan, phase_at
from bench.load_run.reconcile import reconcile_mail, reconcile_submissions
from bench.load_run.traffic import Submission, html_verdict, json_verdict
from bench.load_run.world import Processes

ANN = "patient-1@load.example.com"
BOB = "patient-2@load.example.com"
CAT = "patient-3@load.example.com"
DAN = "patient-4@load.example.com"


def submission(kind, email, accepted):
    return Submission(kind, email, accepted=accepted)


def test_accepted_but_not_stored_is_lost_and_two_rows_are_a_duplicate():
    submissions = [
        submission("html", ANN, True),
        submission("html", BOB, True),
        submission("json retry", CAT, True),
        submission("json", DAN, False),
    ]
    requests = {ANN: [(1, "new")], CAT: [(2, "new"), (3, "new")], DAN: [(4, "spam")]}

    table = reconcile_submissions(submissions, requests, comments={})

    assert table["html"]["accepted"] == 2
    assert table["html"]["stored"] == 1
    assert table["html"]["lost"] == 1
    assert table["json retry"]["duplicated"] == 1
    assert table["json"]["stored, not told"] == 1
    assert table["json"]["spam"] == 1


def test_comments_are_matched_with_comments_not_requests():
    submissions = [submission("comment", ANN, True)]

    table = reconcile_submissions(submissions, {ANN: [(1, "new")]}, comments={})

    assert table["comment"]["lost"] == 1


def test_each_stored_request_expects_one_staff_notice_and_one_confirmation():
    requests = {ANN: [(1, "new")], BOB: [(2, "new")], CAT: [(3, "spam")]}
    messages = [
        (["frontdesk@clinic.example"], "New consultation request #1"),
        (["frontdesk@clinic.example"], "New consultation request #1"),
        ([ANN], "We have received your consultation request"),
        ([BOB], "We have received your consultation request"),
        (["frontdesk@clinic.example"], "New consultation request #3"),
    ]

    mail = reconcile_mail(requests, messages)

    assert mail["staff notice"] == {
        "expected": 2,
        "delivered": 1,
        "missing": 1,
        "duplicated": 1,
        "unexpected": 1,
    }
    assert mail["confirmation"]["delivered"] == 2
    assert mail["confirmation"]["missing"] == 0


def test_reference_12_is_not_taken_for_reference_1():
    mail = reconcile_mail({ANN: [(1, "new")]}, [([], "New consultation request #12")])

    assert mail["staff notice"]["missing"] == 1
    assert mail["staff notice"]["unexpected"] == 1


def test_only_a_redirect_to_the_thank_you_page_is_an_accepted_html_form():
    thanks = Response(302, 10, location="/book-a-consultation/thank-you/abc/")
    limited = Response(200, 10, body="<li>We could not accept your request just now.</li>")

    assert html_verdict(thanks) == "accepted"
    assert html_verdict(Response(302, 10, location="/")) != "accepted"
    assert html_verdict(limited) == "refused: rate limited (form shown again)"
    assert html_verdict(Response(500, 10)) == "server error"
    assert html_verdict(Response(None, 10, error="ConnectionResetError")).startswith("no answer")


def test_a_json_request_is_accepted_with_201_and_a_reference():
    assert json_verdict(Response(201, 10, body='{"reference": "abc"}')) == "accepted"
    assert json_verdict(Response(429, 10)) == "refused: HTTP 429 (rate limited)"
    invalid = Response(422, 10, body='{"errors": {"email": ["Enter an e-mail address."]}}')
    assert json_verdict(invalid) == "refused: HTTP 422 (email)"


def test_redis_is_down_around_the_middle_and_smtp_comes_up_halfway():
    plan = fault_plan(60, 10)
    assert plan == [(25, "redis down"), (30, "smtp up"), (35, "redis up")]

    timeline = [(0.0, "smtp down"), *plan]
    assert phase_at(timeline, 10) == "SMTP down, Redis up"
    assert phase_at(timeline, 27) == "SMTP down, Redis down"
    assert phase_at(timeline, 31) == "SMTP up, Redis down"
    assert phase_at(timeline, 50) == "SMTP up, Redis up"


def is_running(pid):
    """True while `pid` is a live process (not gone, not a zombie waiting to be reaped)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] not in ("Z", "X")


def test_a_supervised_process_that_exits_is_started_again_and_all_are_stopped(tmp_path):
    processes = Processes(tmp_path)
    processes.start("quits", ["sh", "-c", "exit 3"], supervised=True)
    processes.start("sleeper", ["sh", "-c", f"sleep 30 & echo $! > {tmp_path}/child; wait"])
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and not (
        processes.restarts and (tmp_path / "child").exists()
    ):
        time.sleep(0.1)
    child = int((tmp_path / "child").read_text())
    assert is_running(child)

    processes.stop_all()

    assert [(name, code) for _at, name, code in processes.restarts][:1] == [("quits", 3)]
    assert not is_running(child)  # the whole group is stopped, not only the shell
