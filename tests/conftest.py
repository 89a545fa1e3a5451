"""Fixtures every app's tests share: the site's home page and the clinic's details."""

import os

from django.test.utils import setup_databases, teardown_databases

import pytest

from tests import caches, databases
from tests.clinic_site.factories import make_clinic_settings, make_home_page


@pytest.fixture(scope="session")
def django_db_setup(
    request,
    django_test_environment,
    django_db_blocker,
    django_db_modify_db_settings,
    worker_id,
    run_folder,
):
    """
    As pytest-django's, except that under pytest-xdist only the run's first test process
    migrates and the others copy its database (see tests/databases.py).
    """
    from pytest_django.fixtures import _get_databases_for_setup

    # Which databases the tests need serialized for `serialized_rollback`, as pytest-django
    # works it out.
    _aliases, serialized = _get_databases_for_setup(request.session.items)
    with django_db_blocker.unblock():
        if worker_id == "master":
            config = setup_databases(
                verbosity=0, interactive=False, aliases={"default"}, serialized_aliases=serialized
            )
        else:
            config = databases.set_up(run_folder, serialized)
    yield
    with django_db_blocker.unblock():
        teardown_databases(config, verbosity=0)


@pytest.fixture(scope="session")
def run_folder(worker_id, tmp_path_factory):
    """A folder of this run that every one of its test processes sees, and no other run."""
    base = tmp_path_factory.getbasetemp()
    return base if worker_id == "master" else base.parent


@pytest.fixture(scope="module")
def module_db(django_db_setup, django_db_blocker):
    """
    A transaction around a whole test module, rolled back when the module ends:
    module-scoped fixtures build data that the module's tests only read (a page
    tree) once on it, and each test still runs in a savepoint of its own.
    """
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


def pytest_sessionstart(session):
    """
    The suite's cache is the real Redis (see clinic_site/settings/test.py). If it
    cannot be reached, stop at once with what to do, rather than fail test by test.
    """
    from django.conf import settings

    if not settings.REDIS_URL:
        return
    import redis

    try:
        redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        where = "CI requires it" if os.environ.get("CI") == "true" else "start it"
        pytest.exit(
            f"Redis is not reachable at {settings.REDIS_URL} ({type(error).__name__}): {where} "
            "(`redis-server --daemonize yes`), or run with REDIS_URL= (empty) to use the "
            "in-memory cache and skip the tests that need Redis.",
            returncode=1,
        )


def pytest_collection_modifyitems(config, items):
    from django.conf import settings

    if settings.REDIS_URL:
        return
    if os.environ.get("CI") == "true":
        raise pytest.UsageError("REDIS_URL is empty, but CI must run the tests that need Redis.")
    skip = pytest.mark.skip(reason="Needs Redis: REDIS_URL is empty.")
    for item in items:
        if "redis" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True, scope="session")
def _cache_clear_deletes_only_own_keys():
    """
    A safety net: on the shared Redis, `cache.clear()` is FLUSHDB and would wipe
    other runs' keys, so in tests it deletes only this process's keys instead.
    """
    from django_redis.cache import RedisCache

    original = RedisCache.clear
    RedisCache.clear = caches.empty
    yield
    RedisCache.clear = original


@pytest.fixture(autouse=True)
def _empty_caches():
    """
    Each test starts with empty caches: renditions, site roots, rate limits.
    On Redis only this process's keys are deleted (see tests/caches.py), and the
    content generation this process remembers is forgotten with them. A Redis
    breaker a test opened is closed again, so it never outlives that test.
    """
    from clinic_site import breaker

    breaker.reset()
    caches.empty_all()
    yield
    breaker.reset()
    caches.empty_all()


@pytest.fixture
def home_page(db):
    """A published `HomePage` at the root of the default site, as the demo builds it."""
    return make_home_page()


@pytest.fixture
def clinic_settings(home_page):
    return make_clinic_settings()
