"""
The blog's settings, with defaults.

Read lazily through `get()` so `override_settings` works in tests and the host
project's settings are never read at import time.
"""

from django.conf import settings

DEFAULTS = {
    # Articles per page on the blog index and its category, tag and archive lists.
    "BLOG_POSTS_PER_PAGE": 10,
    # Put each article's whole body in the RSS and Atom feeds instead of its summary.
    "BLOG_FEED_FULL_TEXT": False,
    # How many months the blog's archive list shows, back from its newest article.
    "BLOG_ARCHIVE_MONTHS": 12,
    # How many of the newest articles the feeds carry.
    "BLOG_FEED_ITEMS": 20,
    # Switches comments off on every article, whatever each article's own switch says.
    "BLOG_COMMENTS_ENABLED": True,
    # At most this many comments from one IP address per period (seconds).
    "BLOG_COMMENTS_RATE_LIMIT": 5,
    "BLOG_COMMENTS_RATE_LIMIT_PERIOD": 3600,
    # The form readers comment with, by dotted path: `blog.forms.CommentForm` or a
    # subclass of it (`BlogPostPage.get_comment_form_class()` reads it).
    "BLOG_COMMENT_FORM": "blog.forms.CommentForm",
    # Words read per minute, for the reading time shown on articles.
    "BLOG_WORDS_PER_MINUTE": 200,
}


def get(name):
    return getattr(settings, name, DEFAULTS[name])
