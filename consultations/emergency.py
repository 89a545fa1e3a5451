"""
What the consultation form tells patients to do in an emergency, and how it
shows a phone number, for the clinic's country (`ClinicSettings.country`).
An editor's own wording on the page replaces the emergency text.
"""

from django.utils.translation import gettext_lazy as _

from clinic_site.countries import DEFAULT_COUNTRY

EU_112 = _(
    "This form is not for emergencies. If you are seriously unwell or injured, call 112 "
    "or go to your nearest emergency department."
)
NOTICES = {
    "GB": _(
        "This form is not for emergencies. If you are seriously unwell or injured, call 999 "
        "or go to your nearest emergency department. For urgent medical advice, call NHS 111."
    ),
    "IE": _(
        "This form is not for emergencies. If you are seriously unwell or injured, call 112 "
        "or 999, or go to your nearest emergency department."
    ),
    "US": _(
        "This form is not for emergencies. If you are seriously unwell or injured, call 911 "
        "or go to your nearest emergency room."
    ),
    "CA": _(
        "This form is not for emergencies. If you are seriously unwell or injured, call 911 "
        "or go to your nearest emergency department."
    ),
    "AU": _(
        "This form is not for emergencies. If you are seriously unwell or injured, call 000 "
        "or go to your nearest emergency department."
    ),
    "NZ": _(
        "This form is not for emergencies. If you are seriously unwell or injured, call 111 "
        "or go to your nearest emergency department."
    ),
}
# Numbers in ranges set aside for examples where the country has them.
PHONE_EXAMPLES = {
    "GB": "07700 900123",
    "IE": "01 555 0123",
    "US": "(201) 555-0123",
    "CA": "(613) 555-0123",
    "AU": "0491 570 156",
    "NZ": "021 555 0123",
    "DE": "030 1234567",
    "FR": "01 23 45 67 89",
}
INTERNATIONAL_EXAMPLE = "+33 1 23 45 67 89"


def emergency_notice(country):
    """The standard emergency wording for `country` (112 where we know no other)."""
    return NOTICES.get(country or DEFAULT_COUNTRY, EU_112)


def phone_example(country):
    return PHONE_EXAMPLES.get(country or DEFAULT_COUNTRY, INTERNATIONAL_EXAMPLE)
