"""
The shared core's models. Apps import them from here (`clinic_site.models`);
this package never imports an app.
"""

from .headless import PagePreview, WebhookDelivery
from .outbox import OutboxMessage
from .pages import BasePage, HomePage, HomePageFeaturedPage
from .people import Author, MedicalReviewMixin
from .review import ClinicalReviewTask
from .site_settings import ClinicSettings, SocialLinkBlock
from .taxonomy import AbstractTerm, term_panels

__all__ = [
    "AbstractTerm",
    "Author",
    "BasePage",
    "ClinicSettings",
    "ClinicalReviewTask",
    "HomePage",
    "HomePageFeaturedPage",
    "MedicalReviewMixin",
    "OutboxMessage",
    "PagePreview",
    "SocialLinkBlock",
    "WebhookDelivery",
    "term_panels",
]
