"""The consultations app's system checks: each wrong setting has its own id and a way out."""

from django.test import override_settings

import pytest

from consultations.checks import check_settings


@pytest.mark.parametrize(
    ("setting", "error_id"),
    [
        ("CONSULTATIONS_MIN_FILL_SECONDS", "consultations.E001"),
        ("CONSULTATIONS_RETENTION_DAYS", "consultations.E003"),
        ("CONSULTATIONS_STAFF_SESSION_IDLE_MINUTES", "consultations.E004"),
        ("CONSULTATIONS_RATE_LIMIT_PER_IP", "consultations.E005"),
        ("CONSULTATIONS_RATE_LIMIT_PER_EMAIL", "consultations.E006"),
        ("CONSULTATIONS_DUPLICATE_WINDOW_SECONDS", "consultations.E007"),
        ("CONSULTATIONS_THANK_YOU_MAX_AGE", "consultations.E008"),
        ("CONSULTATIONS_FORM_TOKEN_MAX_AGE", "consultations.E009"),
    ],
)
@pytest.mark.parametrize("value", [-1, "10", True, None])
def test_a_setting_that_is_not_a_whole_number_has_its_own_error_and_a_hint(
    setting, error_id, value
):
    with override_settings(**{setting: value}):
        (error,) = check_settings()

    assert error.id == error_id
    assert setting in error.msg and repr(value) in error.msg
    assert "default" in error.hint


@override_settings(CONSULTATIONS_CAPTCHA_FIELD="no_such_package.fields.CaptchaField")
def test_a_captcha_field_that_cannot_be_imported_is_reported():
    (error,) = check_settings()

    assert error.id == "consultations.E002"
    assert "no_such_package" in error.msg
