"""
The shared core's models. Apps import them from here (`clinic_site.models`);
this package never imports an app.
"""

from .headless import PagePreview, WebhookDelivery
from .outbox import OutboxMessage
from .pages import BasePage, HomePage, HomePageFeaturedPage
from .people import AbstractAuthor, Author, MedicalReviewMixin
from .site_settings import ClinicSettings, SocialLinkBlock
from .taxonomy import AbstractTerm, term_panels

__all__ = [
    "AbstractAuthor",
    "AbstractTerm",
    "Author",
    "BasePage",
    "ClinicSettings",
    "HomePage",
    "HomePageFeaturedPage",
    "MedicalReviewMixin",
    "OutboxMessage",
    "PagePreview",
    "SocialLinkBlock",
    "WebhookDelivery",
    "term_panels",
]
