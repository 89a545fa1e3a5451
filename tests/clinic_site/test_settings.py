"""Production settings: refuse to start without a secret, and pass Django's deploy checks."""

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import django_tasks_rq
import pytest

from clinic_site.task_backends.rq import RQBackend

ROOT = Path(__file__).resolve().parents[2]
# Each test runs manage.py in a subprocess on the production settings, with a database of its own
# description that it never connects to: `make test` runs them once, in its PostgreSQL pass.
pytestmark = [pytest.mark.single_pass, pytest.mark.subprocesses]

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "clinic_site.settings.production",
    "SECRET_KEY": "r9$w2!vQ7pLx#4mZ8kT1nB6yH3cF0dJ5sG_eA-uR+oP&iW@lN%xC^",
    "ALLOWED_HOSTS": "clinic.example.com,www.clinic.example.com",
    "CSRF_TRUSTED_ORIGINS": "https://clinic.example.com",
    "DATABASE_URL": "postgres://clinic:secret@db.internal:5432/clinic",
    "REDIS_URL": "redis://cache.internal:6379/0",
    "EMAIL_HOST": "smtp.example.com",
    "DEFAULT_FROM_EMAIL": "clinic@example.com",
    "SECURE_HSTS_PRELOAD": "true",
    "CLINIC_ENCRYPTION_KEYS": (
        "YUdJDCSzvl4nFglfWdvIplIwAU16SIcfOYqnvZpdq98=,7mVNJjLWYSUv_V1ePasNhlaF4_kDUknOO890C0mOiPQ="
    ),
    "CLINIC_BLIND_INDEX_KEY": "a-production-like-blind-index-key-of-some-length",
}


def manage(*args, env):
    # Only this process's own variables, never a test-only override such as
    # DJANGO_ALLOW_ASYNC_UNSAFE (set by the browser tests), which deploy checks reject.
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in PRODUCTION_ENV and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    return subprocess.run(  # noqa: S603 - fixed arguments, our own manage.py
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}

    result = manage("check", env=env)

    assert result.returncode != 0
    assert "The SECRET_KEY environment variable is required in production." in result.stderr


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        (
            "CLINIC_ENCRYPTION_KEYS",
            None,
            "The CLINIC_ENCRYPTION_KEYS environment variable is required in production.",
        ),
        (
            "CLINIC_ENCRYPTION_KEYS",
            "not-a-fernet-key",
            "CLINIC_ENCRYPTION_KEYS: key 1 is not a Fernet key",
        ),
        (
            "CLINIC_BLIND_INDEX_KEY",
            None,
            "The CLINIC_BLIND_INDEX_KEY environment variable is required in production.",
        ),
    ],
    ids=["no-keys", "bad-key", "no-blind-index-key"],
)
def test_production_refuses_to_start_without_the_keys_that_protect_patient_data(
    name, value, message
):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != name}
    if value is not None:
        env[name] = value

    result = manage("check", env=env)

    assert result.returncode != 0
    assert message in result.stderr
    if value:
        assert value not in result.stderr  # a key is never echoed


def test_production_cookies_are_secure_and_out_of_reach_of_scripts():
    code = (
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY,"
        " s.CSRF_COOKIE_SECURE, s.CSRF_COOKIE_HTTPONLY);"
        "print(len(s.CLINIC_ENCRYPTION_KEYS))"
    )

    result = manage("shell", "-v", "0", "-c", code, env=PRODUCTION_ENV)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True", "True", "True", "2"]


def test_production_refuses_to_start_without_database_url():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "DATABASE_URL"}

    result = manage("check", env=env)

    assert result.returncode != 0
    assert "DATABASE_URL" in result.stderr


@pytest.mark.parametrize("redis", [True, False], ids=["redis", "database-queue"])
def test_production_passes_the_deploy_checks(redis):
    env = dict(PRODUCTION_ENV)
    if not redis:
        env.pop("REDIS_URL")

    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_uses_a_real_task_queue_and_redis_cache():
    code = (
        "from django.conf import settings as s;"
        "print(s.TASKS['default']['BACKEND']);"
        "print(s.CACHES['default']['BACKEND']);"
        "print(s.DEBUG)"
    )
    result = manage("shell", "-v", "0", "-c", code, env=PRODUCTION_ENV)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "clinic_site.task_backends.rq.RQBackend",
        "django_redis.cache.RedisCache",
        "False",
    ]
    assert issubclass(RQBackend, django_tasks_rq.RQBackend)


def test_production_redis_fails_fast_and_its_errors_are_cache_misses():
    code = (
        "import json; from django.conf import settings as s;"
        "print(json.dumps({'cache': s.CACHES['default'], 'queue': s.RQ_QUEUES['default']['URL'],"
        " 'proxies': [s.CLINIC_PROXY_COUNT, s.CLINIC_TRUSTED_PROXIES]}))"
    )
    env = {**PRODUCTION_ENV, "CLINIC_PROXY_COUNT": "1", "CLINIC_TRUSTED_PROXIES": "10.0.0.0/8"}

    result = manage("shell", "-v", "0", "-c", code, env=env)

    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    options = found["cache"]["OPTIONS"]
    assert found["cache"]["LOCATION"] == PRODUCTION_ENV["REDIS_URL"]
    assert options["IGNORE_EXCEPTIONS"] is True
    assert 0 < options["SOCKET_CONNECT_TIMEOUT"] <= 1
    assert 0 < options["SOCKET_TIMEOUT"] <= 1
    assert options["CONNECTION_POOL_CLASS"] == "clinic_site.breaker.BreakerConnectionPool"
    queue = urlsplit(found["queue"])
    assert queue.netloc == "cache.internal:6379"
    timeouts = dict(parse_qsl(queue.query))
    assert 0 < float(timeouts["socket_connect_timeout"]) <= 1
    assert 0 < float(timeouts["socket_timeout"]) <= 1
    assert found["proxies"] == [1, ["10.0.0.0/8"]]


def test_production_refuses_webhooks_without_a_secret():
    env = {**PRODUCTION_ENV, "CLINIC_WEBHOOK_URLS": "https://front.example.com/hooks/publish"}

    result = manage("check", env=env)

    assert result.returncode != 0
    assert "clinic_site.E004" in result.stderr


def test_production_has_no_demo_content_command():
    result = manage("load_demo_content", env=PRODUCTION_ENV)

    assert result.returncode != 0
    assert "Unknown command: 'load_demo_content'" in result.stderr
