"""The world a load run builds and tears down: PostgreSQL database, its own Redis,
the SMTP sink, gunicorn, the task worker and the outbox loop."""

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from email import message_from_bytes
from email.header import decode_header, make_header
from pathlib import Path

from cryptography.fernet import Fernet

from .config import DATABASE, HOST, HTTP_TIMEOUT, OUTBOX_EVERY, PAGE_VIEWS, POSTGRES, ROOT, WORKERS
from .http_client import get_status


def group_stopped(group, timeout):
    """Wait until no live (non-zombie) process is left in a process group; False on timeout."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not any(_in_group(stat, group) for stat in Path("/proc").glob("[0-9]*/stat")):
            return True
        time.sleep(0.05)
    return False


def _in_group(stat_path, group):
    try:
        fields = stat_path.read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return False
    state, process_group = fields[0], int(fields[2])
    return process_group == group and state not in ("Z", "X")


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
            except subprocess.TimeoutExpired:
                continue
            # The leader is gone; its children got the signal too but may not have acted yet.
            if group_stopped(process.pid, timeout):
                break

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
