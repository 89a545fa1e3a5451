"""
Production settings: everything that differs between deployments comes from
the environment (see docs/deploy.md for the full list).

Refuses to start without SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL and the keys
that protect patient data rather than fall back to something unsafe.
"""

import os

from django.core.exceptions import ImproperlyConfigured

import dj_database_url
from cryptography.fernet import Fernet

from .base import *  # noqa: F403
from .base import (
    CONTENT_SECURITY_POLICY,
    INSTALLED_APPS,
    RENDITIONS_CACHE,
    redis_cache,
    redis_queue_url,
    sqlite_for_concurrent_use,
)


def env(name, default=None, *, required=False):
    value = os.environ.get(name, default)
    if required and not value:
        raise ImproperlyConfigured(f"The {name} environment variable is required in production.")
    return value


def env_bool(name, default=False):
    return env(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = False
SECRET_KEY = env("SECRET_KEY", required=True)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("The ALLOWED_HOSTS environment variable is required in production.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

DATABASES = {
    "default": sqlite_for_concurrent_use(
        dj_database_url.parse(
            env("DATABASE_URL", required=True),
            conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "60")),
            conn_health_checks=True,
        )
    )
}

# Encryption at rest of personal data (docs/privacy.md): Fernet keys, newest
# first, so a new key can be put in front and the old one dropped after
# `manage.py rotate_consultation_keys`; and the blind-index key that lets staff
# search encrypted values, which never changes with them.
CLINIC_ENCRYPTION_KEYS = env_list("CLINIC_ENCRYPTION_KEYS")
if not CLINIC_ENCRYPTION_KEYS:
    raise ImproperlyConfigured(
        "The CLINIC_ENCRYPTION_KEYS environment variable is required in production."
    )
for _position, _key in enumerate(CLINIC_ENCRYPTION_KEYS, 1):
    try:
        Fernet(_key)
    except ValueError:
        raise ImproperlyConfigured(
            f"CLINIC_ENCRYPTION_KEYS: key {_position} is not a Fernet key (see docs/privacy.md)."
        ) from None
CLINIC_BLIND_INDEX_KEY = env("CLINIC_BLIND_INDEX_KEY", required=True)

# Cache: Redis shared by every worker when REDIS_URL is set (rate limits and
# page fragments must be shared), else a per-process memory cache. Redis errors
# are cache misses, with short timeouts and a circuit breaker (see base.py).
REDIS_URL = env("REDIS_URL")
REDIS_TIMEOUT = float(env("REDIS_TIMEOUT", "0.5"))
CLINIC_REDIS_RETRY_AFTER = float(env("CLINIC_REDIS_RETRY_AFTER", "5"))
if REDIS_URL:
    CACHES = {
        "default": redis_cache(
            REDIS_URL, key_prefix=env("CACHE_KEY_PREFIX", "clinic"), timeout=REDIS_TIMEOUT
        ),
        "renditions": RENDITIONS_CACHE,
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# The anonymous page cache (docs/performance.md): seconds a page is kept (0: off),
# the max-age browsers get and the s-maxage a CDN gets; seconds a rendered part of a
# page is kept for the requests the page cache does not answer.
CLINIC_PAGE_CACHE_TIMEOUT = int(env("CLINIC_PAGE_CACHE_TIMEOUT", "600"))
CLINIC_FRAGMENT_CACHE_TIMEOUT = int(env("CLINIC_FRAGMENT_CACHE_TIMEOUT", "600"))
CLINIC_PAGE_CACHE_MAX_AGE = int(env("CLINIC_PAGE_CACHE_MAX_AGE", "60"))
CLINIC_PAGE_CACHE_S_MAXAGE = int(env("CLINIC_PAGE_CACHE_S_MAXAGE", "300"))

# A CDN in front of the site, purged when pages change (docs/deploy.md, "CDN"):
# a purge URL (Varnish, nginx, any HTTP PURGE endpoint), Cloudflare or CloudFront.
# Off when none is set.
WAGTAILFRONTENDCACHE = {}
if env("FRONTEND_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE["http"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": env("FRONTEND_CACHE_PURGE_URL"),
    }
if env("CLOUDFLARE_ZONE_ID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": env("CLOUDFLARE_ZONE_ID"),
        "BEARER_TOKEN": env("CLOUDFLARE_API_TOKEN", required=True),
    }
if env("CLOUDFRONT_DISTRIBUTION_ID"):
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": env("CLOUDFRONT_DISTRIBUTION_ID"),
    }

# Background tasks: a real queue with its own worker process.
# - REDIS_URL set: RQ on Redis; run `manage.py rqworker --job-class django_tasks_rq.Job`.
# - otherwise: the database queue; run `manage.py db_worker`.
if REDIS_URL:
    INSTALLED_APPS = [*INSTALLED_APPS, "django_rq", "django_tasks_rq"]
    # Short timeouts: a submission's enqueue fails fast and is retried later.
    RQ_QUEUES = {"default": {"URL": redis_queue_url(REDIS_URL, timeout=REDIS_TIMEOUT)}}
    # django-tasks-rq's backend, running a task in the request while Redis is down.
    TASKS = {
        "default": {"BACKEND": "clinic_site.task_backends.rq.RQBackend", "QUEUES": ["default"]}
    }
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# The outbox's retries of notification e-mails (docs/settings.md): first retry
# after this many seconds, doubling each time.
CLINIC_OUTBOX_RETRY_BASE_SECONDS = int(env("CLINIC_OUTBOX_RETRY_BASE_SECONDS", "30"))
CLINIC_OUTBOX_RETRY_MAX_SECONDS = int(env("CLINIC_OUTBOX_RETRY_MAX_SECONDS", "3600"))

# E-mail over SMTP.
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "587"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = int(env("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "clinic@localhost")
SERVER_EMAIL = env("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# Static files: hashed and compressed, served by WhiteNoise.
# Media: local disk under MEDIA_ROOT, or S3-compatible object storage when
# AWS_STORAGE_BUCKET_NAME is set (django-storages reads its AWS_* variables).
STATIC_ROOT = env("STATIC_ROOT", str(BASE_DIR / "static"))  # noqa: F405
MEDIA_ROOT = env("MEDIA_ROOT", str(BASE_DIR / "media"))  # noqa: F405
MEDIA_URL = env("MEDIA_URL", "/media/")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if env("AWS_STORAGE_BUCKET_NAME"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("AWS_STORAGE_BUCKET_NAME"),
            "region_name": env("AWS_S3_REGION_NAME"),
            "endpoint_url": env("AWS_S3_ENDPOINT_URL"),
            "custom_domain": env("AWS_S3_CUSTOM_DOMAIN"),
            "default_acl": None,
            "querystring_auth": False,
            "file_overwrite": False,
        },
    }

# Media from object storage or a CDN: allow its host in the page's policy.
if env("AWS_S3_CUSTOM_DOMAIN") or env("MEDIA_URL", "").startswith("http"):
    media_origin = env("AWS_S3_CUSTOM_DOMAIN") or MEDIA_URL
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(
        media_origin if "://" in media_origin else f"https://{media_origin}"
    )

WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", f"https://{ALLOWED_HOSTS[0]}")
WAGTAILAPI_BASE_URL = env("WAGTAILAPI_BASE_URL", WAGTAILADMIN_BASE_URL)

# Headless front end: origins allowed to call the API from a browser, its base
# URL (preview and sitemap), and where publish webhooks go (docs/api.md).
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")
CLINIC_HEADLESS_FRONTEND_URL = env("CLINIC_HEADLESS_FRONTEND_URL", "")
CLINIC_WEBHOOK_URLS = env_list("CLINIC_WEBHOOK_URLS")
CLINIC_WEBHOOK_SECRET = env("CLINIC_WEBHOOK_SECRET", "")

# Reverse proxies in front of the site, for the client's address (rate limits):
# how many append to X-Forwarded-For, and optionally their addresses (docs/deploy.md).
CLINIC_PROXY_COUNT = int(env("CLINIC_PROXY_COUNT", "0"))
CLINIC_TRUSTED_PROXIES = env_list("CLINIC_TRUSTED_PROXIES")

# HTTPS. SECURE_SSL_REDIRECT may be turned off when a proxy already redirects.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
# Cookies over HTTPS only, and out of reach of scripts (the admin reads its CSRF
# token from the page, never from the cookie).
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True

# Wagtail's admin previews pages in an iframe of the same origin, so frames
# stay allowed from the site itself (X_FRAME_OPTIONS = "SAMEORIGIN" in base.py).
SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "security.W019"]

# Never create the development admin account here.
DEMO_ADMIN = None

# While the database is down, the 503 page shows the clinic's phone number from
# the cached clinic details; this number is the last resort when there is no
# copy (a per-process cache after a restart, or Redis down too).
CLINIC_FALLBACK_PHONE = env("CLINIC_FALLBACK_PHONE", "")
