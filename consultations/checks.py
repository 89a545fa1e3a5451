"""System checks for the consultations app's settings."""

from django.conf import settings
from django.core import checks
from django.utils.module_loading import import_string

from . import conf


@checks.register()
def check_settings(app_configs=None, **kwargs):
    errors = []
    for name in (
        "CONSULTATIONS_MIN_FILL_SECONDS",
        "CONSULTATIONS_RATE_LIMIT_PER_IP",
        "CONSULTATIONS_RATE_LIMIT_PER_EMAIL",
        "CONSULTATIONS_DUPLICATE_WINDOW_SECONDS",
        "CONSULTATIONS_THANK_YOU_MAX_AGE",
        "CONSULTATIONS_FORM_TOKEN_MAX_AGE",
    ):
        value = conf.get(name)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            errors.append(
                checks.Error(
                    f"{name} must be a whole number of zero or more.",
                    id="consultations.E001",
                )
            )
    for name in ("CONSULTATIONS_RETENTION_DAYS", "CONSULTATIONS_STAFF_SESSION_IDLE_MINUTES"):
        value = conf.get(name)
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            errors.append(
                checks.Error(
                    f"{name} must be a whole number of at least 1.",
                    hint="See docs/settings.md for what it means and its default.",
                    id="consultations.E003",
                )
            )
    age = conf.get("CONSULTATIONS_MINIMUM_AGE")
    if age is not None and (
        not isinstance(age, int) or isinstance(age, bool) or not 1 <= age <= 120
    ):
        errors.append(
            checks.Error(
                "CONSULTATIONS_MINIMUM_AGE must be None (no age question) or an age in years.",
                hint="For example 18, for treatments that are not allowed for under-18s.",
                id="consultations.E004",
            )
        )
    captcha = conf.get("CONSULTATIONS_CAPTCHA_FIELD")
    if captcha:
        try:
            import_string(captcha)
        except ImportError:
            errors.append(
                checks.Error(
                    f"CONSULTATIONS_CAPTCHA_FIELD names {captcha!r}, which cannot be imported.",
                    hint="Install the CAPTCHA package, or unset the setting.",
                    id="consultations.E002",
                )
            )
    return errors


@checks.register()
def check_removed_settings(app_configs=None, **kwargs):
    """A setting that no longer does anything: the rate limit would silently count the proxy."""
    if hasattr(settings, "CONSULTATIONS_CLIENT_IP_HEADER"):
        return [
            checks.Warning(
                "CONSULTATIONS_CLIENT_IP_HEADER is no longer used: the client's address is read "
                "the same way for every app.",
                hint="Remove it; behind a reverse proxy set CLINIC_PROXY_COUNT (and optionally "
                "CLINIC_TRUSTED_PROXIES) instead. See docs/deploy.md.",
                id="consultations.W001",
            )
        ]
    return []
