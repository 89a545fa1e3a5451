"""
The countries a clinic can be in, by ISO 3166-1 alpha-2 code. Apps read the
clinic's country from `ClinicSettings.country` to follow local conventions
(the emergency number patients are told to call, how a phone number is written).
"""

from django.utils.translation import gettext_lazy as _

DEFAULT_COUNTRY = "GB"

COUNTRY_CHOICES = [
    ("AT", _("Austria")),
    ("AU", _("Australia")),
    ("BE", _("Belgium")),
    ("CA", _("Canada")),
    ("CH", _("Switzerland")),
    ("DE", _("Germany")),
    ("DK", _("Denmark")),
    ("ES", _("Spain")),
    ("FI", _("Finland")),
    ("FR", _("France")),
    ("GB", _("United Kingdom")),
    ("IE", _("Ireland")),
    ("IT", _("Italy")),
    ("NL", _("Netherlands")),
    ("NO", _("Norway")),
    ("NZ", _("New Zealand")),
    ("PL", _("Poland")),
    ("PT", _("Portugal")),
    ("SE", _("Sweden")),
    ("US", _("United States")),
]
