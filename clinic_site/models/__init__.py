"""
The shared core's models. Apps import them from here (`clinic_site.models`);
this package never imports an app.
"""

from .authorizations import (
    AuthorizationScope,
    AuthorizedContent,
    PatientAuthorization,
    authorized_models,
)
from .clinicians import ClinicianPage, ClinicianTreatment, Specialty, TeamPage
from .headless import PagePreview, WebhookDelivery
from .locations import LocationIndexPage, LocationPage
from .opening_hours import OpeningHours, OpeningHoursException
from .outbox import OutboxMessage
from .pages import BasePage, HomePage, HomePageFeaturedPage
from .people import AbstractAuthor, Author, MedicalReviewMixin
from .review import ClinicalReviewTask
from .site_settings import ClinicSettings, SocialLinkBlock
from .standard_page import StandardPage
from .synonyms import SearchSynonym
from .taxonomy import AbstractTerm, term_panels
from .testimonials import Testimonial, TestimonialSource

__all__ = [
    "AbstractAuthor",
    "AbstractTerm",
    "AuthorizationScope",
    "AuthorizedContent",
    "Author",
    "BasePage",
    "ClinicSettings",
    "ClinicalReviewTask",
    "ClinicianPage",
    "ClinicianTreatment",
    "HomePage",
    "HomePageFeaturedPage",
    "LocationIndexPage",
    "LocationPage",
    "MedicalReviewMixin",
    "OpeningHours",
    "OpeningHoursException",
    "OutboxMessage",
    "PagePreview",
    "PatientAuthorization",
    "SearchSynonym",
    "SocialLinkBlock",
    "Specialty",
    "StandardPage",
    "Testimonial",
    "TestimonialSource",
    "TeamPage",
    "WebhookDelivery",
    "authorized_models",
    "term_panels",
]
