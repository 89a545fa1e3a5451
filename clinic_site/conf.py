"""
The shared core's settings, with defaults.

Read lazily through `get()` so `override_settings` works in tests and the host
project's settings are never read at import time.
"""

from django.conf import settings

DEFAULTS = {
    # Which page model the home page lists as "latest articles", by its string
    # name, so the core never imports the app that provides it.
    "CLINIC_LATEST_POSTS_MODEL": "blog.BlogPostPage",
    "CLINIC_LATEST_POSTS_ORDERING": ("-first_published_at",),
    # Days after its last medical review that a page is listed as due again.
    "CLINIC_REVIEW_INTERVAL_DAYS": 365,
    # Search results per page.
    "CLINIC_SEARCH_RESULTS_PER_PAGE": 10,
}


def get(name):
    return getattr(settings, name, DEFAULTS[name])
