"""
Settings for the test suite.

SQLite in memory by default; set DATABASE_URL (the Makefile does, for the
PostgreSQL run) to run the same suite on PostgreSQL.
"""

import os

import dj_database_url

from .base import *  # noqa: F403
from .base import INSTALLED_APPS

DEBUG = False

# The demo clinic and its `load_demo_content` command, as in development.
INSTALLED_APPS = [*INSTALLED_APPS, "clinic_site.demo"]

SECRET_KEY = "test-only-secret-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]

if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"])}
else:
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
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
