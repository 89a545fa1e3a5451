"""What clients were told, against what was stored and what the mail sink received."""

import re
import time
from collections import Counter, defaultdict

from cryptography.fernet import Fernet

from .config import DATABASE, EMAIL_DOMAIN, POSTGRES, SUBMISSION_KINDS
from .world import ENCRYPTION_KEY


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
