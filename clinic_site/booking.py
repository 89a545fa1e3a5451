"""
Links to the consultation form that say what the patient came for.

Every "Book a consultation" link (a treatment page's buttons, an article's call
to action, the header's button) is built here, so the form at the other end can
preselect the treatment and, where the link says so, the kind of consultation.
The consultations app reads the same parameters (docs/consultations.md); the
core knows that app only by the model string of its page.
"""

from urllib.parse import urlencode

from django.utils.translation import gettext_lazy as _

CONSULTATION_PAGE_MODEL = "consultations.consultationpage"
PARAM_TREATMENT = "treatment"
PARAM_TYPE = "type"
PARAM_LOCATION = "location"

# What a call to action may preselect; the values are the form's own.
CONSULTATION_TYPE_CHOICES = [
    ("", _("Let the patient choose")),
    ("virtual", _("Virtual (video or phone)")),
    ("in_person", _("In person at the clinic")),
]


def is_consultation_page(page):
    return page is not None and page.specific_class._meta.label_lower == CONSULTATION_PAGE_MODEL


def booking_treatment(page):
    """
    The treatment a page is about, for links to the form: the page itself for a
    treatment, an article's first related treatment; pages say so with a
    `booking_treatment` attribute, so the core never imports their apps.
    """
    return getattr(page, "booking_treatment", None) if page is not None else None


def booking_url(consultation_page, *, treatment=None, consultation_type="", request=None):
    """The consultation page's address with what the form should preselect."""
    url = consultation_page.get_url(request) or ""
    params = {}
    if treatment is not None and getattr(treatment, "slug", ""):
        params[PARAM_TREATMENT] = treatment.slug
    if consultation_type in dict(CONSULTATION_TYPE_CHOICES) and consultation_type:
        params[PARAM_TYPE] = consultation_type
    return f"{url}?{urlencode(params)}" if params else url
