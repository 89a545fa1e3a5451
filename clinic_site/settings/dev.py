"""Settings for `make run`: SQLite at the repository root, console e-mail, DEBUG."""

import base64
import hashlib
import os

import dj_database_url

from .base import *  # noqa: F403
from .base import INSTALLED_APPS, sqlite_for_concurrent_use

DEBUG = True

# The demo clinic and its `load_demo_content` command: development and tests only.
INSTALLED_APPS = [*INSTALLED_APPS, "clinic_site.demo"]

# A fixed key is fine here: these settings never serve real traffic.
SECRET_KEY = "django-insecure-dev-only-key-not-for-production"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]

# Optional overrides, used by the Lighthouse run to work on a throw-away copy.
if os.environ.get("DATABASE_URL"):
    DATABASES = {
        "default": sqlite_for_concurrent_use(dj_database_url.parse(os.environ["DATABASE_URL"]))
    }
if os.environ.get("MEDIA_ROOT"):
    MEDIA_ROOT = os.environ["MEDIA_ROOT"]

# Encryption at rest of consultation requests (docs/privacy.md). Derived from the
# fixed development SECRET_KEY, so `make run` needs no setup and every checkout
# reads the same development database; never real keys. To try a key rotation,
# set CLINIC_ENCRYPTION_KEYS (comma-separated, newest first) in the environment.
DEV_ENCRYPTION_KEY = base64.urlsafe_b64encode(
    hashlib.sha256(f"{SECRET_KEY}:encryption".encode()).digest()
).decode()
CLINIC_ENCRYPTION_KEYS = [
    key.strip() for key in os.environ.get("CLINIC_ENCRYPTION_KEYS", "").split(",") if key.strip()
] or [DEV_ENCRYPTION_KEY]
CLINIC_BLIND_INDEX_KEY = os.environ.get("CLINIC_BLIND_INDEX_KEY") or (
    hashlib.sha256(f"{SECRET_KEY}:blind-index".encode()).hexdigest()
)

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = "clinic@localhost"

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Pages are rendered on every request while developing (docs/performance.md).
CLINIC_PAGE_CACHE_TIMEOUT = 0
CLINIC_FRAGMENT_CACHE_TIMEOUT = 0

# The demo admin that `load_demo_content` creates; stated in the README and
# printed by the command. Only development settings define it.
DEMO_ADMIN = {"username": "admin", "password": "clinic-demo", "email": "admin@localhost"}

SERVE_MEDIA = True

# The demo clinic offers botulinum toxin and fillers, which are not for under-18s:
# its consultation form asks patients to confirm their age (docs/consultations.md).
CONSULTATIONS_MINIMUM_AGE = 18
