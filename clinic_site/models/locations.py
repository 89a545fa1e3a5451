"""
Where the clinic sees patients: a page per location (structured address, map
link, opening hours, access and parking) under a "Locations" page.

Pages rather than snippets: each location needs an address of its own that
patients find in search results and the sitemap, drafts and preview before a
new site opens, and the API's page endpoints, which pages have and snippets do not.
"""

from decimal import Decimal
from urllib.parse import urlencode

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.search import index

from .. import seo
from ..api.fields import (
    AddressField,
    GeoField,
    OpeningHoursExceptionListField,
    OpeningHoursListField,
    StringValueField,
)
from ..cards import with_card_images
from .opening_hours import OpeningHoursMixin
from .pages import BasePage
from .site_settings import ClinicSettings


class LocationIndexPage(BasePage):
    """The list of the clinic's locations, each with its address and today's hours."""

    content_panels = BasePage.content_panels

    search_result_label = _("Locations")

    parent_page_types = ["clinic_site.HomePage"]
    subpage_types = ["clinic_site.LocationPage"]
    max_count = 1

    class Meta:
        verbose_name = _("locations page")

    def get_locations(self):
        return with_card_images(
            list(
                LocationPage.objects.child_of(self)
                .live()
                .public()
                .prefetch_related("opening_hours", "hours_exceptions")
            )
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["locations"] = self.get_locations()
        return context


class LocationPage(OpeningHoursMixin, BasePage):
    """A place where the clinic sees patients, described for people and search engines."""

    street_address = models.CharField(
        _("street address"),
        max_length=200,
        help_text=_("Building and street, e.g. '12 Quay Street'. Add a unit after a comma."),
    )
    address_locality = models.CharField(
        _("town or city"), max_length=100, help_text=_("e.g. 'Bristol'.")
    )
    address_region = models.CharField(
        _("county or region"),
        max_length=100,
        blank=True,
        help_text=_("Optional, e.g. 'Somerset'."),
    )
    postal_code = models.CharField(
        _("postcode"), max_length=20, blank=True, help_text=_("e.g. 'BS1 4XX'.")
    )
    address_country = models.CharField(
        _("country code"),
        max_length=2,
        default="GB",
        validators=[RegexValidator(r"^[A-Z]{2}$", _("Use a two-letter code such as GB or IE."))],
        help_text=_("The country's two-letter code, e.g. GB, IE or FR."),
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(-90)), MaxValueValidator(Decimal(90))],
        help_text=_(
            "Where the entrance is, for the map link: right-click it on openstreetmap.org, "
            "choose 'Show address' and copy the first number, e.g. 51.449812."
        ),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(-180)), MaxValueValidator(Decimal(180))],
        help_text=_("The second number, e.g. -2.597361."),
    )
    phone = models.CharField(
        _("phone number"),
        max_length=40,
        blank=True,
        help_text=_("This location's number; the clinic's main number is used if empty."),
    )
    accessibility = models.TextField(
        _("getting in"),
        blank=True,
        max_length=1000,
        help_text=_(
            "Step-free access, lifts, accessible toilets, hearing loops: what a patient with "
            "a disability needs to know before coming."
        ),
    )
    parking = models.TextField(
        _("parking and transport"),
        blank=True,
        max_length=1000,
        help_text=_("Where to park (including blue-badge spaces), nearest bus stop or station."),
    )

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("street_address"),
                FieldRowPanel([FieldPanel("address_locality"), FieldPanel("address_region")]),
                FieldRowPanel([FieldPanel("postal_code"), FieldPanel("address_country")]),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldPanel("phone"),
            ],
            heading=_("Address"),
        ),
        InlinePanel(
            "opening_hours",
            heading=_("Opening hours"),
            label=_("Opening hours"),
            help_text=_("One row per day open; two rows on a day for a lunch break."),
        ),
        InlinePanel(
            "hours_exceptions",
            heading=_("Holidays and changes of hours"),
            label=_("Holiday or change"),
            help_text=_("Bank holidays, closures and shorter days; past ones are not shown."),
        ),
        FieldPanel("accessibility"),
        FieldPanel("parking"),
    ]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("street_address"),
        index.SearchField("address_locality"),
        index.SearchField("postal_code"),
        index.SearchField("accessibility"),
    ]

    api_fields = [
        *BasePage.api_fields,
        APIField("address", serializer=AddressField()),
        APIField("geo", serializer=GeoField()),
        APIField("phone"),
        APIField("map_url", serializer=StringValueField()),
        APIField("opening_hours", serializer=OpeningHoursListField()),
        APIField(
            "hours_exceptions",
            serializer=OpeningHoursExceptionListField(source="upcoming_exceptions"),
        ),
        APIField("accessibility"),
        APIField("parking"),
    ]

    parent_page_types = ["clinic_site.LocationIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("location")
        verbose_name_plural = _("locations")

    @property
    def address_lines(self):
        region_line = " ".join(p for p in [self.address_locality, self.postal_code] if p)
        return [line for line in [self.street_address, region_line, self.address_region] if line]

    @property
    def has_geo(self):
        return self.latitude is not None and self.longitude is not None

    @property
    def map_url(self):
        """OpenStreetMap with a marker at the entrance: a plain link, no script or tiles here."""
        if not self.has_geo:
            query = ", ".join(self.address_lines)
            return f"https://www.openstreetmap.org/search?{urlencode({'query': query})}"
        lat, lon = f"{self.latitude:f}", f"{self.longitude:f}"
        return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=18/{lat}/{lon}"

    def today_hours(self):
        return self.hours_on(timezone.localdate())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["clinic"] = ClinicSettings.for_request(request)
        return context

    def get_clinic_json_ld(self, request=None, clinic=None):
        """
        The location as a `MedicalClinic` with its address, coordinates, hours,
        price range and logo; `@id` is the page's address, so other objects can
        point at it.
        """
        url = seo.absolute_url(self, request)
        data = {
            "@context": "https://schema.org",
            "@type": "MedicalClinic",
            "@id": f"{url}#clinic",
            "name": f"{clinic.clinic_name}, {self.title}" if clinic else self.title,
            "url": url,
            "address": {
                "@type": "PostalAddress",
                "streetAddress": self.street_address,
                "addressLocality": self.address_locality,
                "addressCountry": self.address_country,
            },
        }
        if self.address_region:
            data["address"]["addressRegion"] = self.address_region
        if self.postal_code:
            data["address"]["postalCode"] = self.postal_code
        if self.has_geo:
            data["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": float(self.latitude),
                "longitude": float(self.longitude),
            }
        phone = self.phone or (clinic.phone if clinic else "")
        if phone:
            data["telephone"] = phone
        regular, special = self.opening_hours_json_ld()
        if regular:
            data["openingHoursSpecification"] = regular
        if special:
            data["specialOpeningHoursSpecification"] = special
        if self.hero_image:
            data["image"] = seo.image_url(self.hero_image, request)
        if clinic and clinic.price_range:
            data["priceRange"] = clinic.price_range
        if clinic and clinic.logo:
            data["logo"] = seo.image_url(clinic.logo, request, spec="max-600x600")
        return data

    def get_json_ld(self, request=None):
        clinic = ClinicSettings.for_request(request) if request else None
        if clinic is None:
            site = self.get_site()
            clinic = ClinicSettings.for_site(site) if site else None
        return [
            self.get_clinic_json_ld(request, clinic),
            seo.breadcrumb_list([*self.get_breadcrumbs(), self], request),
        ]
