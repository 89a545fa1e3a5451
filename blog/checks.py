"""System checks for the blog's settings, so a typo is reported at start-up, not as a 500."""

from django.core.checks import Error, register

from . import conf

POSITIVE_INTEGERS = [
    "BLOG_POSTS_PER_PAGE",
    "BLOG_FEED_ITEMS",
    "BLOG_COMMENTS_RATE_LIMIT",
    "BLOG_COMMENTS_RATE_LIMIT_PERIOD",
    "BLOG_WORDS_PER_MINUTE",
]


@register()
def check_settings(app_configs, **kwargs):
    errors = []
    for number, name in enumerate(POSITIVE_INTEGERS, start=1):
        value = conf.get(name)
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            errors.append(
                Error(
                    f"{name} must be a whole number of at least 1, not {value!r}.",
                    id=f"blog.E00{number}",
                )
            )
    return errors
