"""Fixtures every app's tests share: the site's home page and the clinic's details."""

import pytest

from tests.clinic_site.factories import make_clinic_settings, make_home_page


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


@pytest.fixture(autouse=True)
def _empty_caches():
    """Each test starts with empty caches: renditions, site roots, rate limits."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    yield


@pytest.fixture
def home_page(db):
    """A published `HomePage` at the root of the default site, as the demo builds it."""
    return make_home_page()


@pytest.fixture
def clinic_settings(home_page):
    return make_clinic_settings()
