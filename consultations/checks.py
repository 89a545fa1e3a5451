"""System checks for the consultations app's settings."""

from django.conf import settings
from django.core import checks
from django.utils.module_loading import import_string

from . import conf

# Each setting has its own id, which stays when settings are added or removed
# (E001 and E003 kept the first setting they were given), and its smallest value.
WHOLE_NUMBERS = {
    "CONSULTATIONS_MIN_FILL_SECONDS": ("consultations.E001", 0),
    "CONSULTATIONS_RETENTION_DAYS": ("consultations.E003", 1),
    "CONSULTATIONS_STAFF_SESSION_IDLE_MINUTES": ("consultations.E004", 1),
    "CONSULTATIONS_RATE_LIMIT_PER_IP": ("consultations.E005", 0),
    "CONSULTATIONS_RATE_LIMIT_PER_EMAIL": ("consultations.E006", 0),
    "CONSULTATIONS_DUPLICATE_WINDOW_SECONDS": ("consultations.E007", 0),
    "CONSULTATIONS_THANK_YOU_MAX_AGE": ("consultations.E008", 0),
    "CONSULTATIONS_FORM_TOKEN_MAX_AGE": ("consultations.E009", 0),
}


@checks.register()
def check_settings(app_configs=None, **kwargs):
    """A wrong number here would fail every patient's request, not the start-up."""
    errors = []
    for name, (error_id, minimum) in WHOLE_NUMBERS.items():
        value = conf.get(name)
        if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
            qualifier = "zero or more" if minimum == 0 else f"at least {minimum}"
            errors.append(
                checks.Error(
                    f"{name} must be a whole number of {qualifier}, not {value!r}.",
                    hint=f"e.g. {conf.DEFAULTS[name]}, the default; docs/settings.md says what "
                    "it sets.",
                    id=error_id,
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
                id="consultations.E010",
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
