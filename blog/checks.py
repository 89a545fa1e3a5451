"""System checks for the blog's settings, so a typo is reported at start-up, not as a 500."""

from django.core.checks import Error, register

from . import conf

# Each setting has its own id, which stays the same when settings are added or removed.
POSITIVE_INTEGERS = {
    "BLOG_POSTS_PER_PAGE": "blog.E001",
    "BLOG_FEED_ITEMS": "blog.E002",
    "BLOG_COMMENTS_RATE_LIMIT": "blog.E003",
    "BLOG_COMMENTS_RATE_LIMIT_PERIOD": "blog.E004",
    "BLOG_WORDS_PER_MINUTE": "blog.E005",
    "BLOG_ARCHIVE_MONTHS": "blog.E006",
}


@register()
def check_settings(app_configs, **kwargs):
    errors = []
    for name, error_id in POSITIVE_INTEGERS.items():
        value = conf.get(name)
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            errors.append(
                Error(
                    f"{name} must be a whole number of at least 1, not {value!r}.",
                    hint=(
                        f"Set {name} to a whole number such as {conf.DEFAULTS[name]}, "
                        "or remove it to use that default."
                    ),
                    id=error_id,
                )
            )
    return errors
