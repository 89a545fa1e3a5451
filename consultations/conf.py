"""
The consultations app's settings, with defaults.

Read lazily through `get()` so `override_settings` works in tests and the host
project's settings are never read at import time. Documented in docs/settings.md.
"""

from django.conf import settings

DEFAULTS = {
    # The model requests are stored in: the app's own, or a host project's
    # subclass of `consultations.models.AbstractConsultationRequest`. Set it
    # before the first `migrate`; see docs/consultations.md.
    "CONSULTATIONS_REQUEST_MODEL": "consultations.ConsultationRequest",
    # The page model listed as "treatment of interest", by its string name, so
    # this app never imports the app that provides it.
    "CONSULTATIONS_TREATMENT_PAGE_MODEL": "treatments.TreatmentPage",
    # A form sent sooner than this after it was shown is treated as a bot's.
    "CONSULTATIONS_MIN_FILL_SECONDS": 3,
    # Accepted requests per client IP address per hour, and per e-mail address per day.
    "CONSULTATIONS_RATE_LIMIT_PER_IP": 10,
    "CONSULTATIONS_RATE_LIMIT_PER_EMAIL": 3,
    # How long a shown form (its signed token) can be sent; older ones are
    # shown again with a fresh token, the patient's answers kept.
    "CONSULTATIONS_FORM_TOKEN_MAX_AGE": 60 * 60 * 24,
    # The same request sent again within this many seconds is stored once.
    "CONSULTATIONS_DUPLICATE_WINDOW_SECONDS": 600,
    # How long a thank-you address keeps working.
    "CONSULTATIONS_THANK_YOU_MAX_AGE": 60 * 60 * 24,
    # Optional CAPTCHA: the dotted path of a form field class from a maintained
    # package, e.g. "django_recaptcha.fields.ReCaptchaField". Off by default.
    "CONSULTATIONS_CAPTCHA_FIELD": None,
    # Closed and spam requests are deleted this many days after their last
    # update by `manage.py purge_consultation_requests` (or its task); requests
    # still open (new, contacted, booked) are kept. See docs/privacy.md.
    "CONSULTATIONS_RETENTION_DAYS": 365,
    # Staff who can see requests are signed out after this many minutes
    # without a request to the site.
    "CONSULTATIONS_STAFF_SESSION_IDLE_MINUTES": 30,
}


def get(name):
    return getattr(settings, name, DEFAULTS[name])
