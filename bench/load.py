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
import shutil
import signal
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script: `bench` is importable from the checkout

from bench.load_run.config import FILL_WAIT, HTTP_TIMEOUT, RESULTS, SITE_PROCESSES, THREADS  # noqa: E402
from bench.load_run.outages import fault_plan, run_faults  # noqa: E402
from bench.load_run.reconcile import delivery_states, stored_rows, wait_for_mail  # noqa: E402
from bench.load_run.report import Run, report  # noqa: E402
from bench.load_run.server_logs import scheduler_crashes, server_error_causes  # noqa: E402
from bench.load_run.traffic import Traffic, client  # noqa: E402
from bench.load_run.world import Processes, build_world, only_run, preflight  # noqa: E402


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
