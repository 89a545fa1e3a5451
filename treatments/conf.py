"""
The treatments app's settings, with defaults.

Read lazily through `get()` so `override_settings` works in tests and the host
project's settings are never read at import time.
"""

from django.conf import settings

DEFAULTS = {
    # ISO 4217 code of the currency new treatment prices are in; editors can
    # change it per treatment.
    "TREATMENTS_DEFAULT_CURRENCY": "GBP",
}


def get(name):
    return getattr(settings, name, DEFAULTS[name])


def default_currency():
    """The default for `TreatmentPage.price_currency` (a callable, so settings are read late)."""
    return get("TREATMENTS_DEFAULT_CURRENCY")
