"""The blog's system checks: a wrong setting is named, with its own id and a way to fix it."""

from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings

import pytest

from blog.checks import check_settings


@pytest.mark.parametrize(
    ("setting", "error_id", "default"),
    [
        ("BLOG_POSTS_PER_PAGE", "blog.E001", 10),
        ("BLOG_FEED_ITEMS", "blog.E002", 20),
        ("BLOG_COMMENTS_RATE_LIMIT", "blog.E003", 5),
        ("BLOG_COMMENTS_RATE_LIMIT_PERIOD", "blog.E004", 3600),
        ("BLOG_WORDS_PER_MINUTE", "blog.E005", 200),
    ],
)
@pytest.mark.parametrize("value", [0, "10", True, None])
def test_a_setting_that_is_not_a_positive_whole_number_has_its_own_error(
    setting, error_id, default, value
):
    with override_settings(**{setting: value}):
        (error,) = check_settings(None)

    assert error.id == error_id
    assert setting in error.msg and repr(value) in error.msg
    assert f"such as {default}" in error.hint


def test_each_wrong_setting_keeps_its_id_whichever_others_are_wrong():
    with override_settings(BLOG_WORDS_PER_MINUTE=0):
        (alone,) = check_settings(None)
    with override_settings(BLOG_WORDS_PER_MINUTE=0, BLOG_POSTS_PER_PAGE=-1, BLOG_FEED_ITEMS=0):
        ids = sorted(error.id for error in check_settings(None))

    assert alone.id == "blog.E005"
    assert ids == ["blog.E001", "blog.E002", "blog.E005"]


def test_manage_py_check_refuses_to_start_with_a_wrong_setting():
    with override_settings(BLOG_FEED_ITEMS=0), pytest.raises(SystemCheckError) as error:
        call_command("check")

    assert "blog.E002" in str(error.value) and "HINT" in str(error.value)


def test_the_defaults_pass():
    assert check_settings(None) == []
