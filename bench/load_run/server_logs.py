"""What the server's own logs say: the causes of 5xx answers and scheduler crashes."""

import re
from collections import Counter

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
