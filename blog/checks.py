"""System checks for the blog's settings, so a typo is reported at start-up, not as a 500."""

from django.core.checks import Error, register
from django.utils.module_loading import import_string

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


@register()
def check_comment_form(app_configs, **kwargs):
    """A comment form that cannot be imported would fail every article with comments open."""
    from .forms import CommentForm

    path = conf.get("BLOG_COMMENT_FORM")
    hint = (
        "Set BLOG_COMMENT_FORM to the dotted path of blog.forms.CommentForm or of a "
        "subclass of it, e.g. 'myproject.forms.HouseRulesCommentForm'."
    )
    try:
        form_class = import_string(path)
    except (ImportError, AttributeError):
        return [Error(f"BLOG_COMMENT_FORM {path!r} cannot be imported.", hint=hint, id="blog.E006")]
    if not (isinstance(form_class, type) and issubclass(form_class, CommentForm)):
        return [
            Error(
                f"BLOG_COMMENT_FORM {path!r} is not a subclass of blog.forms.CommentForm.",
                hint=hint,
                id="blog.E007",
            )
        ]
    return []
