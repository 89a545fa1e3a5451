"""System checks for the treatments app's settings."""

import re

from django.core.checks import Error, register

from . import conf


@register()
def check_default_currency(app_configs, **kwargs):
    value = conf.get("TREATMENTS_DEFAULT_CURRENCY")
    if isinstance(value, str) and re.fullmatch(r"[A-Z]{3}", value):
        return []
    return [
        Error(
            f"TREATMENTS_DEFAULT_CURRENCY must be a three-letter ISO 4217 code such as "
            f"'GBP', not {value!r}.",
            hint="Use the upper-case code of the clinic's currency, e.g. 'GBP', 'EUR' or 'USD'.",
            id="treatments.E001",
        )
    ]
