"""
Settings for the test suite.

SQLite in memory by default; set DATABASE_URL (the Makefile does, for the
PostgreSQL run) to run the same suite on PostgreSQL.

The cache is the real Redis at REDIS_URL (default the local one), built exactly
as production builds it, under a key prefix of its own per test process (the
pytest-xdist worker and the process id), so runs side by side never share a key;
tests/conftest.py empties only this prefix between tests. `REDIS_URL=` (empty)
runs the suite on the in-memory cache instead and skips the tests that need Redis.
"""

import os

import dj_database_url

from .base import *  # noqa: F403
from .base import INSTALLED_APPS, RENDITIONS_CACHE, redis_cache, sqlite_for_concurrent_use

DEBUG = False

# The demo clinic and its `load_demo_content` command, as in development.
INSTALLED_APPS = [*INSTALLED_APPS, "clinic_site.demo"]

SECRET_KEY = "test-only-secret-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]

# SQLite with the options development uses (immediate transactions, a busy
# timeout), so the suite runs the transactions `make run` runs.
if os.environ.get("DATABASE_URL"):
    DATABASES = {
        "default": sqlite_for_concurrent_use(dj_database_url.parse(os.environ["DATABASE_URL"]))
    }
else:
    DATABASES = {
        "default": sqlite_for_concurrent_use(
            {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}
        )
    }

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
TEST_CACHE_PREFIX = "test:{}:{}".format(os.environ.get("PYTEST_XDIST_WORKER", "main"), os.getpid())
if REDIS_URL:
    CACHES = {
        "default": redis_cache(REDIS_URL, key_prefix=TEST_CACHE_PREFIX),
        "renditions": RENDITIONS_CACHE,
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# The anonymous page cache and the rendered fragments are off; the tests of them,
# and the browser tests, turn them on.
CLINIC_PAGE_CACHE_TIMEOUT = 0
CLINIC_FRAGMENT_CACHE_TIMEOUT = 0
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
DEFAULT_FROM_EMAIL = "clinic@example.com"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Hashed static names are a production concern; tests use plain ones.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"

# Fixed keys, so tests are repeatable; never used anywhere else. Tests of key
# rotation put a new key in front with override_settings.
CLINIC_ENCRYPTION_KEYS = ["7mVNJjLWYSUv_V1ePasNhlaF4_kDUknOO890C0mOiPQ="]  # noqa: S105
CLINIC_BLIND_INDEX_KEY = "test-only-blind-index-key-0123456789abcdef"  # noqa: S105

# The browser tests load images from the live server.
SERVE_MEDIA = True
