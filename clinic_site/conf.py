"""
The shared core's settings, with defaults.

Read lazily through `get()` so `override_settings` works in tests and the host
project's settings are never read at import time.
"""

from django.conf import settings

DEFAULTS = {
    # The model of bylines and medical reviewers: `clinic_site.Author`, or a host
    # project's subclass of `clinic_site.models.AbstractAuthor` (set it before the
    # first `migrate`, as Django's AUTH_USER_MODEL).
    "CLINIC_AUTHOR_MODEL": "clinic_site.Author",
    # Which page model the home page lists as "latest articles", by its string
    # name, so the core never imports the app that provides it.
    "CLINIC_LATEST_POSTS_MODEL": "blog.BlogPostPage",
    "CLINIC_LATEST_POSTS_ORDERING": ("-first_published_at",),
    # Headless front end: its base URL (preview and sitemap use it when set).
    "CLINIC_HEADLESS_FRONTEND_URL": "",
    # How long a preview token stays valid, in seconds.
    "CLINIC_HEADLESS_PREVIEW_TTL": 300,
    # Publish webhooks: where they go, the HMAC-SHA256 key, and how long to wait
    # for the front end's answer. They are outbox messages, retried as below.
    "CLINIC_WEBHOOK_URLS": [],
    "CLINIC_WEBHOOK_SECRET": "",
    "CLINIC_WEBHOOK_TIMEOUT": 5,
    # The outbox (notification e-mails and webhooks): the first retry waits this long, each
    # next one twice as long up to the maximum, until the attempts run out. A
    # message "being sent" for longer than the claim is taken as lost by a
    # worker that died, and sent again.
    "CLINIC_OUTBOX_RETRY_BASE_SECONDS": 30,
    "CLINIC_OUTBOX_RETRY_MAX_SECONDS": 60 * 60,
    "CLINIC_OUTBOX_MAX_ATTEMPTS": 10,
    "CLINIC_OUTBOX_CLAIM_SECONDS": 5 * 60,
    # A delivery task also sends messages overdue by this long (their own task
    # was lost), so the worker heals itself.
    "CLINIC_OUTBOX_OVERDUE_SECONDS": 60,
    # The task queue the outbox's deliveries go to (a worker must listen to it).
    "CLINIC_OUTBOX_QUEUE": "default",
    # Addresses per page of a sitemap section (at most 50,000, the protocol's limit).
    "CLINIC_SITEMAP_PAGE_SIZE": 1000,
    # Search results per page.
    "CLINIC_SEARCH_RESULTS_PER_PAGE": 10,
    # Reverse proxies in front of the app that append the address they received
    # the connection from to X-Forwarded-For. 0: none, the client is REMOTE_ADDR.
    "CLINIC_PROXY_COUNT": 0,
    # Those proxies' addresses, CIDR networks or prefixes, one per proxy, the one
    # nearest the app last. Optional: when set, X-Forwarded-For is believed only on
    # connections that came through them.
    "CLINIC_TRUSTED_PROXIES": [],
    # After a Redis connection fails or times out, this process skips that Redis
    # for this many seconds (pages uncached, rate limits off) before trying again.
    "CLINIC_REDIS_RETRY_AFTER": 5,
    # The anonymous full-page cache (`clinic_site.page_cache`, docs/performance.md):
    # seconds a page stays in the cache (0: off), the `max-age` browsers get and
    # the `s-maxage` a CDN gets, and the URL names of the views whose answers are kept.
    "CLINIC_PAGE_CACHE_TIMEOUT": 600,
    "CLINIC_PAGE_CACHE_MAX_AGE": 60,
    "CLINIC_PAGE_CACHE_S_MAXAGE": 300,
    "CLINIC_PAGE_CACHE_VIEWS": ("wagtail_serve", "sitemap", "sitemap_section"),
    # Seconds a rendered part of a page (`{% contentcache %}`, `clinic_site.fragments`)
    # stays in the cache for requests the page cache does not answer (0: off).
    "CLINIC_FRAGMENT_CACHE_TIMEOUT": 600,
    # Seconds a process trusts the content generation it read (`clinic_site.content_cache`)
    # before reading it again: how long another process's change takes to reach it.
    "CLINIC_CONTENT_GENERATION_SECONDS": 1,
    # The phone number the "temporarily unavailable" page shows when the database
    # is down and no copy of the clinic's details is in the cache.
    "CLINIC_FALLBACK_PHONE": "",
    # Encryption at rest of personal data (`clinic_site.fields`): Fernet keys,
    # newest first. The first encrypts; every one decrypts, so a new key can be
    # put in front and the old one removed once `rotate_consultation_keys` ran.
    "CLINIC_ENCRYPTION_KEYS": [],
    # The HMAC-SHA256 key of the blind indexes that let staff search encrypted
    # values. Separate from the encryption keys, so rotating those leaves every
    # index valid.
    "CLINIC_BLIND_INDEX_KEY": "",
}


def get(name):
    return getattr(settings, name, DEFAULTS[name])
