"""
Settings shared by every environment.

`dev.py`, `test.py` and `production.py` start from here and change only what
their environment needs. Nothing here reads the environment except where a
default is harmless in every environment.
"""

from datetime import timedelta
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.utils.translation import gettext_lazy as _

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

# Application definition.
# The clinic's own apps come first so their templates and static files win.
# `clinic_site` is the shared core; the feature apps are added by later work
# and are wired in here only, never imported by `clinic_site`.
INSTALLED_APPS = [
    "clinic_site",
    "blog",
    "treatments",
    "consultations",
    "wagtail.contrib.forms",
    # Purges a CDN on publish when WAGTAILFRONTENDCACHE is set (production reads it
    # from the environment; see clinic_site.cache_purge and docs/deploy.md).
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    # Results editors promote for a search (Settings > Promoted search results).
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.api.v2",
    "wagtail.api.v3",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "corsheaders",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # django-cors-headers', asking once per path pattern (clinic_site/cors.py).
    "clinic_site.cors.CorsMiddleware",
    # Anonymous pages from the cache: a hit skips everything below (docs/performance.md).
    "clinic_site.page_cache.PageCacheMiddleware",
    # Before anything that reads the database: a 503 with the clinic's phone when it is down.
    "clinic_site.middleware.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Staff who can see consultation requests are signed out when idle.
    "consultations.middleware.StaffSessionTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # django-csp, with the policy built once (clinic_site/csp.py).
    "clinic_site.csp.CSPMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "clinic_site.api.middleware.ContentAPIQueryMiddleware",
]

ROOT_URLCONF = "clinic_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "clinic_site.wsgi.application"

# SQLite serves the admin of a one-machine clinic, where an autosave and a click on
# Publish arrive together. With SQLite's default (deferred) transactions both
# requests read first and then ask for the write lock; one of them cannot wait
# for it without a deadlock and fails at once with "database is locked". An
# IMMEDIATE transaction takes the write lock when it begins, so the second writer
# waits (up to `timeout` seconds) instead; write-ahead logging lets readers go on
# while it writes, and synchronous=NORMAL is safe with it and spares an fsync per
# commit.
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
}


def sqlite_for_concurrent_use(database):
    """
    `database` (one entry of DATABASES) with SQLITE_OPTIONS added when it is
    SQLite; options it sets itself win. Every settings module passes its database
    through here, so `make run`, the benchmarks and the tests use SQLite alike.
    """
    if database.get("ENGINE") != "django.db.backends.sqlite3":
        return database
    return {**database, "OPTIONS": {**SQLITE_OPTIONS, **database.get("OPTIONS", {})}}


DATABASES = {
    "default": sqlite_for_concurrent_use(
        {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "db.sqlite3"}
    )
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: every user-facing string is translatable. The site speaks
# one language, so there is no LocaleMiddleware: it would only add
# `Vary: Accept-Language` to every page (splitting every cache by browser
# language) to choose among one. Wagtail's admin still uses each user's own
# language preference (it activates it itself). A host serving several languages
# adds the middleware back (docs/performance.md).
LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en-gb", _("English"))]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

# Static files and media.
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATIC_ROOT = BASE_DIR / "static"
STATIC_URL = "/static/"
MEDIA_ROOT = BASE_DIR / "media"
MEDIA_URL = "/media/"

# Serve media through Django (development and tests only; see clinic_site.views.media).
SERVE_MEDIA = False

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Complex page models can exceed Django's default of 1000 fields per form.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Background work: Django's task framework through django-tasks, which Wagtail
# itself uses (reference index updates, file deletion). Tasks run in the
# request here; production.py switches to a real queue with its own worker.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
}

# Wagtail.
WAGTAIL_SITE_NAME = "Clinic"
WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
# The database backend uses PostgreSQL full-text search when the default
# database is PostgreSQL, and SQLite's FTS5 (or a plain fallback) otherwise.
# PostgreSQL stems words with the text search configuration of the site's
# language ("treatments" finds "treatment"); SQLite matches whole words only,
# which the editors' synonyms (clinic_site.search) make up for in part.
POSTGRES_SEARCH_CONFIGS = {
    "da": "danish",
    "de": "german",
    "en": "english",
    "es": "spanish",
    "fi": "finnish",
    "fr": "french",
    "it": "italian",
    "nl": "dutch",
    "no": "norwegian",
    "pt": "portuguese",
    "sv": "swedish",
}


def postgres_search_config(language_code):
    """PostgreSQL's text search configuration for a language code such as "en-gb"."""
    return POSTGRES_SEARCH_CONFIGS.get(language_code.split("-")[0].lower(), "simple")


WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "clinic_site.search.backend",
        # Used on PostgreSQL only; an environment that changes LANGUAGE_CODE sets it again.
        "SEARCH_CONFIG": postgres_search_config(LANGUAGE_CODE),
    },
}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_ENABLE_UPDATE_CHECK = False

# Content APIs (v2 at /api/v2/, v3 at /api/v3/, see docs/api.md). Rich text as HTML.
WAGTAILAPI_RICH_TEXT_FORMAT = "html"
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
WAGTAILAPI_SEARCH_ENABLED = True

# CORS: only the API, and only for the configured front-end origins (none by default).
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOWED_ORIGINS = []
CORS_ALLOW_HEADERS = ["accept", "authorization", "content-type", "idempotency-key"]

# Content-Security-Policy for the public site: our own scripts, styles and
# images only, no inline code (templates carry none), video embeds from the
# usual hosts. JSON-LD data blocks are not scripts and are not affected. The
# Wagtail admin (and its preview) manages its own scripts and is excluded.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": [
            "https://www.youtube-nocookie.com",
            "https://www.youtube.com",
            "https://player.vimeo.com",
        ],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    },
}

# Security defaults that hold everywhere; production.py adds HTTPS settings.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"
SESSION_COOKIE_HTTPONLY = True
# A form sent without a valid CSRF token is shown again with the visitor's
# answers and a fresh token, or a page with the clinic's phone (clinic_site.views).
CSRF_FAILURE_VIEW = "clinic_site.views.csrf_failure"

# The home page's "latest articles": the blog's newest by article date.
CLINIC_LATEST_POSTS_ORDERING = ("-date", "-first_published_at")

# Development-only account created by `load_demo_content`; see dev.py.
# None everywhere else, so production can never create one.
DEMO_ADMIN = None

# Redis is a cache and a queue, never a single point of failure. These build the
# settings every environment with Redis uses (production.py, and test.py so the
# suite runs on exactly what production runs).
REDIS_TIMEOUT = 0.5  # seconds to connect or to get an answer; Redis answers in < 1 ms


def redis_cache(url, *, key_prefix, timeout=REDIS_TIMEOUT):
    """
    django-redis with its errors turned into cache misses (IGNORE_EXCEPTIONS),
    short socket timeouts, and a circuit breaker (`clinic_site.breaker`) so a
    Redis that hangs costs a process one timeout every few seconds, not one per
    cache call. Pages are then served uncached and submissions still stored.
    """
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": url,
        "KEY_PREFIX": key_prefix,
        "OPTIONS": {
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": timeout,
            "SOCKET_TIMEOUT": timeout,
            "CONNECTION_POOL_CLASS": "clinic_site.breaker.BreakerConnectionPool",
        },
    }


# Wagtail reads an image's renditions from the cache aliased "renditions" on every
# page that shows it, and writes them back on every `{% image %}`: a few Redis
# round trips per page for objects that never change (a new file or focal point
# makes a new key). Each process keeps them in its own memory instead.
RENDITIONS_CACHE = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "renditions",
    "TIMEOUT": 60 * 60,
    "OPTIONS": {"MAX_ENTRIES": 5000},
}


def redis_queue_url(url, *, timeout=REDIS_TIMEOUT):
    """
    The task queue's Redis URL with short socket timeouts, so enqueueing fails
    fast when Redis is down (the caller logs it and the retry command sends
    later). RQ's worker raises its own read timeout above its blocking wait.
    """
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    query.setdefault("socket_connect_timeout", str(timeout))
    query.setdefault("socket_timeout", str(timeout))
    return urlunsplit(parts._replace(query=urlencode(query)))


# django-redis logs each error it turns into a miss; the breaker's own fast
# refusals are left out (one warning says when it opens).
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True

# Exceptions are logged by type and traceback only: their messages can quote
# what a patient typed (see clinic_site/log_filters.py).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "redis_circuit_open": {"()": "clinic_site.breaker.SkipCircuitOpen"},
        "withhold_exception_messages": {
            "()": "clinic_site.log_filters.WithholdExceptionMessages",
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["withhold_exception_messages"],
        },
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django_redis.cache": {"filters": ["redis_circuit_open"]},
    },
}

# Admin sign-in lockout (django-axes; docs/deploy.md, "Sign-in lockout"). Five
# failed sign-ins for one user name from one address lock that combination
# until 15 minutes after the last failure or until a superuser unlocks it under
# Settings → Locked sign-ins. Locking the combination, not the user name alone,
# means a stranger guessing passwords cannot lock staff out from their own
# address. Axes counts the same client address as the rest of the site.
INSTALLED_APPS = [*INSTALLED_APPS, "axes"]
# Axes' middleware, deciding sync or async once (clinic_site/lockout_middleware.py).
# Axes' check looks for its own class by name and would warn that it is missing.
MIDDLEWARE = [*MIDDLEWARE, "clinic_site.lockout_middleware.AxesMiddleware"]
SILENCED_SYSTEM_CHECKS = ["axes.W002"]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "clinic_site.protection.client_ip"
# The admin's own login page explains the lockout (clinic_site.forms.LoginForm);
# the callable keeps that page instead of axes' plain-text answer.
AXES_LOCKOUT_CALLABLE = "clinic_site.lockouts.lockout_response"
AXES_ENABLE_ADMIN = False  # no django.contrib.admin; unlocking is in Wagtail's Settings menu
WAGTAILADMIN_USER_LOGIN_FORM = "clinic_site.forms.LoginForm"

# Image pixel budget (docs/deploy.md, "Image uploads"). Making one rendition
# costs about 8 bytes per pixel of the original (decoded, then copied), whatever
# the file size: a 121-megapixel PNG took a worker past 1 GB. 40 megapixels
# keeps the worst measured case (a transparent PNG resized to full width) near
# 480 MB in a warm 140 MB worker, inside a 512 MB limit.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_IMAGE_FORM_BASE = "clinic_site.forms.ImageForm"
