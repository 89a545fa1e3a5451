"""The faults of a run: the mail server refusing, then Redis stopped and started empty."""

import time

from .world import start_redis, stop_redis


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
