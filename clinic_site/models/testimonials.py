"""
Patients' reviews and testimonials: a quote, who said it (first name or initials
only), about which treatment, when and where, shown on the home page and on the
treatment's page while the patient's authorization covers the website.

They are the clinic's own selection of its reviews, so no page marks them up as
schema.org `Review` or `AggregateRating`: search engines ignore (and may
penalise) such self-serving review markup.
"""

import datetime
import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel

from ..panels import PageTypeChooserPanel
from .authorizations import AuthorizedContent

# "Sarah", "Sarah K.", "S. K.", "SK", "Anne-Marie": a first name or initials, never a full name.
SHOWN_NAME = re.compile(r"^[^\W\d_][\w'\-]*\.?(\s+[^\W\d_]\.?)?$")


class TestimonialSource(models.TextChoices):
    CLINIC = "clinic", _("In the clinic")
    GOOGLE = "google", _("Google")
    EMAIL = "email", _("By e-mail or letter")
    SURVEY = "survey", _("Patient survey")


class Testimonial(AuthorizedContent):
    """A patient's own words about their treatment, with the authorization to show them."""

    quote = models.TextField(
        _("quote"),
        max_length=600,
        help_text=_(
            "The patient's words, as they wrote them; shorten with '…' but never change their "
            "meaning. No health details beyond what the patient chose to share."
        ),
    )
    shown_name = models.CharField(
        _("shown as"),
        max_length=30,
        help_text=_("First name or initials only, e.g. 'Sarah K.' or 'S. K.'; never a full name."),
    )
    treatment = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("treatment"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The treatment the review is about; it is also shown on that page."),
    )
    given_on = models.DateField(
        _("date"),
        default=datetime.date.today,
        help_text=_("When the patient wrote or gave the review."),
    )
    source = models.CharField(
        _("source"),
        max_length=20,
        choices=TestimonialSource.choices,
        default=TestimonialSource.CLINIC,
        help_text=_("Where the review was given."),
    )
    on_home_page = models.BooleanField(
        _("show on the home page"),
        default=True,
        help_text=_("The home page shows the newest reviews that have this ticked."),
    )

    panels = [
        FieldPanel("quote"),
        FieldRowPanel([FieldPanel("shown_name"), FieldPanel("given_on"), FieldPanel("source")]),
        PageTypeChooserPanel("treatment", page_type="treatments.TreatmentPage"),
        FieldPanel("on_home_page"),
        FieldPanel("authorization"),
    ]

    class Meta:
        verbose_name = _("patient review")
        verbose_name_plural = _("patient reviews")
        ordering = ["-given_on", "-pk"]

    def __str__(self):
        return f"{self.shown_name}: {self.quote[:40]}"

    def clean(self):
        errors = {}
        if self.shown_name and not SHOWN_NAME.match(self.shown_name.strip()):
            errors["shown_name"] = _(
                "Use a first name or initials only, e.g. 'Sarah K.' or 'S. K.'."
            )
        try:
            super().clean()
        except ValidationError as error:
            errors.update(error.error_dict)
        if errors:
            raise ValidationError(errors)

    @classmethod
    def shown(cls, on=None):
        """Reviews whose authorization covers the website today, newest first."""
        return cls.objects.filter(cls.shown_q(on)).select_related("treatment", "authorization")

    @property
    def treatment_link(self):
        page = self.treatment
        return page if page is not None and page.live else None

    def pages_showing(self):
        from .pages import HomePage

        return [*HomePage.objects.all(), *([self.treatment] if self.treatment_id else [])]
