"""The tables a run prints and writes to bench/results/load.md, and its budget."""

import argparse
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .config import THREADS, WORKERS
from .outages import phase_at
from .reconcile import SUBMISSION_COLUMNS, reconcile_mail, reconcile_submissions
from .traffic import Traffic


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
