"""
The clinic's team: a profile page per clinician under an "Our team" page, and
the specialties they are listed under.

Profiles are pages, not snippets, because patients look clinicians up by name
in search engines, follow links to them from bylines, and check their
registration before booking; pages have addresses, the sitemap, drafts and the
API's page endpoints. The author record (`clinic_site.models.people`) stays what
bylines and reviews point at; linking it to a profile (its "profile page") is
what lets a byline link here and lets this page list the person's articles and
the pages they reviewed, without the core importing the apps that hold them.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.models import Orderable, Page
from wagtail.search import index

from .. import content_cache, get_author_model, registers, seo
from ..api.fields import (
    ImageField,
    PageLinkListField,
    RegistrationField,
    StringListField,
    TermListField,
)
from ..cards import chosen_pages
from ..panels import PageTypeChooserPanel
from .pages import BasePage
from .person_pages import authored_pages, reviewed_pages
from .taxonomy import AbstractTerm, term_panels

TREATMENT_PAGE_TYPE = "treatments.TreatmentPage"


class Specialty(AbstractTerm):
    """A field of practice a clinician is listed under, e.g. 'Dermatology'."""

    panels = term_panels(
        name_help=_("The specialty as patients would say it, e.g. 'Dermatology'."),
        slug_help=_("Used in web addresses, e.g. 'dermatology'."),
        description_help=_("Optional. What this specialty deals with, in a sentence."),
    )

    class Meta(AbstractTerm.Meta):
        verbose_name = _("specialty")
        verbose_name_plural = _("specialties")


class TeamPage(BasePage):
    """'Our team': every clinician's profile as a card, in the order of the page tree."""

    content_panels = BasePage.content_panels

    parent_page_types = ["clinic_site.HomePage"]
    subpage_types = ["clinic_site.ClinicianPage"]
    max_count = 1

    class Meta:
        verbose_name = _("team page")

    def get_clinicians(self):
        """The live, public profiles with their photos and specialties: two queries."""
        return list(
            ClinicianPage.objects.child_of(self)
            .live()
            .public()
            .select_related("photo")
            .prefetch_related("specialties")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["clinicians"] = self.get_clinicians()
        return context


class ClinicianPage(BasePage):
    """A clinician's profile: who they are, their registration, and what they do here."""

    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "A head-and-shoulders photo, shown on the profile and the team page; its "
            "description in the image library is used as alt text."
        ),
    )
    job_title = models.CharField(
        _("job title"),
        max_length=120,
        help_text=_("Their role as patients should read it, e.g. 'Consultant dermatologist'."),
    )
    credentials = models.CharField(
        _("qualifications"),
        max_length=120,
        blank=True,
        help_text=_("Letters after their name, e.g. 'MBBS, FRCP'. Shown after the name."),
    )
    regulator = models.CharField(
        _("regulator"),
        max_length=10,
        blank=True,
        choices=registers.REGULATOR_CHOICES,
        help_text=_(
            "The body whose register they are on. Patients can check the registration "
            "through the link shown on the profile."
        ),
    )
    regulator_name = models.CharField(
        _("regulator's name"),
        max_length=120,
        blank=True,
        help_text=_("Only for 'Another regulator': its full name, e.g. 'Irish Medical Council'."),
    )
    registration_number = models.CharField(
        _("registration number"),
        max_length=30,
        blank=True,
        help_text=_(
            "Their number on that register, exactly as the register shows it, e.g. "
            "'7012345' for the GMC or '12A3456E' for the NMC."
        ),
    )
    register_url = models.URLField(
        _("register entry address"),
        blank=True,
        help_text=_(
            "Leave empty for the GMC and the GDC: the link is made from the number. For "
            "other registers, paste the address of their entry if it has one."
        ),
    )
    specialties = ParentalManyToManyField(
        Specialty,
        verbose_name=_("specialties"),
        blank=True,
        related_name="clinicians",
        help_text=_(
            "What they practise; the first is shown beside their name when they review a page."
        ),
    )
    languages = models.CharField(
        _("languages spoken"),
        max_length=200,
        blank=True,
        help_text=_("Languages they consult in, separated by commas, e.g. 'English, Portuguese'."),
    )
    bio = models.TextField(
        _("biography"),
        blank=True,
        max_length=4000,
        help_text=_(
            "Their training, experience and what they enjoy treating, in the third person. "
            "Leave an empty line between paragraphs."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("photo"),
        FieldRowPanel([FieldPanel("job_title"), FieldPanel("credentials")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("regulator"), FieldPanel("regulator_name")]),
                FieldPanel("registration_number"),
                FieldPanel("register_url"),
            ],
            heading=_("Professional registration"),
        ),
        FieldPanel("specialties"),
        FieldPanel("languages"),
        FieldPanel("bio"),
        InlinePanel(
            "offered_treatments",
            heading=_("Treatments they offer"),
            label=_("Treatment"),
            help_text=_("Shown as cards on the profile, in this order."),
        ),
    ]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("job_title"),
        index.SearchField("bio"),
        index.SearchField("languages"),
        index.RelatedFields("specialties", [index.SearchField("name")]),
        index.AutocompleteField("title"),
    ]

    api_fields = [
        *BasePage.api_fields,
        APIField("photo", serializer=ImageField()),
        APIField("job_title"),
        APIField("credentials"),
        APIField("registration", serializer=RegistrationField()),
        APIField("specialties", serializer=TermListField(source="specialty_list")),
        APIField("languages", serializer=StringListField(source="language_list")),
        APIField("bio"),
        APIField("treatments", serializer=PageLinkListField(source="get_treatments")),
        APIField("articles", serializer=PageLinkListField(source="get_articles")),
        APIField("reviewed_pages", serializer=PageLinkListField(source="get_reviewed_pages")),
    ]

    parent_page_types = ["clinic_site.TeamPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("clinician profile")
        verbose_name_plural = _("clinician profiles")

    @classmethod
    def select_shown(cls, queryset):
        return super().select_shown(queryset).select_related("photo")

    def clean(self):
        super().clean()
        errors = {}
        regulator = registers.get_regulator(self.regulator)
        number = self.registration_number.strip()
        self.registration_number = number
        if regulator and number and not regulator.number_is_valid(number):
            errors["registration_number"] = _(
                "This does not look like a %(regulator)s number, which looks like %(example)s."
            ) % {"regulator": regulator.abbreviation, "example": regulator.number_example}
        if number and not self.regulator:
            errors["regulator"] = _("Choose the regulator this number is registered with.")
        if self.regulator == registers.OTHER and not self.regulator_name:
            errors["regulator_name"] = _("Give the regulator's name, so patients know where.")
        if errors:
            raise ValidationError(errors)

    # What the profile shows ------------------------------------------------

    @property
    def name(self):
        return self.title

    @property
    def display_name(self):
        return f"{self.title}, {self.credentials}" if self.credentials else self.title

    @property
    def photo_alt(self):
        return self.photo.description if self.photo else ""

    @property
    def share_image(self):
        """Shared on social media: the sharing image if chosen, else their photo."""
        return self.social_image or self.photo

    @property
    def bio_paragraphs(self):
        return [part.strip() for part in self.bio.split("\n\n") if part.strip()]

    @property
    def language_list(self):
        return [part.strip() for part in self.languages.split(",") if part.strip()]

    @property
    def regulator_info(self):
        return registers.get_regulator(self.regulator)

    @property
    def regulator_display(self):
        """The regulator's name as the profile writes it, e.g. 'General Medical Council (GMC)'."""
        regulator = self.regulator_info
        if regulator:
            return f"{regulator.name} ({regulator.abbreviation})"
        return self.regulator_name

    @property
    def regulator_abbreviation(self):
        regulator = self.regulator_info
        return regulator.abbreviation if regulator else self.regulator_name

    @property
    def register_link(self):
        """Their entry on the public register, or the register's search form when it has none."""
        if self.register_url:
            return self.register_url
        regulator = self.regulator_info
        return regulator.url_for(self.registration_number) if regulator else ""

    @property
    def register_link_is_search(self):
        """Whether the link opens a search form, where the patient types the number in."""
        regulator = self.regulator_info
        return bool(
            not self.register_url and regulator and not regulator.entry_url and self.register_link
        )

    @property
    def specialty_list(self):
        """Specialties, from the team page's prefetch or the profile's cached lists."""
        prefetched = getattr(self, "_prefetched_objects_cache", {})
        if "specialties" in prefetched or self.pk is None:
            return list(self.specialties.all())
        if getattr(self, "_cluster_related_objects", None):  # a preview
            return list(self.specialties.all())
        return self.linked["specialties"]

    @property
    def main_specialty(self):
        specialties = self.specialty_list
        return specialties[0] if specialties else None

    # What the profile lists, looked up together --------------------------------

    @cached_property
    def linked(self):
        """
        The author record linked to this profile, the treatments it offers, and the
        articles and pages the person wrote or reviewed: a few queries whatever
        their number, kept in the content cache until content changes. A preview,
        whose lists are held in memory, is read as it is.
        """
        if self.pk is None or getattr(self, "_cluster_related_objects", None):
            return self._load_linked()
        key = f"clinic_site:clinician:{self.pk}:linked"
        return content_cache.get_or_set(key, self._load_linked)

    def _load_linked(self):
        if self.pk is None:
            author, links = None, []
        else:
            author = get_author_model().objects.filter(profile_page_id=self.pk).first()
            links = list(self.offered_treatments.select_related("page"))
        return {
            "author": author,
            "specialties": list(self.specialties.all()),
            "treatments": chosen_pages([link.page for link in links]),
            "articles": authored_pages(author),
            "reviewed": reviewed_pages(author),
        }

    @property
    def author_record(self):
        return self.linked["author"]

    def get_treatments(self):
        return self.linked["treatments"]

    def get_articles(self):
        return self.linked["articles"]

    def get_reviewed_pages(self):
        return self.linked["reviewed"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(
            specialties=self.specialty_list,
            treatments=self.get_treatments(),
            articles=self.get_articles(),
            reviewed_pages=self.get_reviewed_pages(),
        )
        return context

    # Structured data ---------------------------------------------------------

    def get_person_json_ld(self, request=None):
        """
        The clinician as a schema.org `Person`: job title, specialties, languages, the
        registration as a credential recognised by the regulator, and the register
        entry as `sameAs`, so search engines can tie the profile to the register.
        """
        url = seo.absolute_url(self, request)
        data = {
            "@type": "Person",
            "@id": f"{url}#person",
            "name": self.title,
            "url": url,
            "jobTitle": self.job_title,
        }
        if self.credentials:
            data["honorificSuffix"] = self.credentials
        if self.intro:
            data["description"] = self.intro
        if self.photo:
            data["image"] = seo.image_url(self.photo, request, spec="fill-600x600")
        specialties = [specialty.name for specialty in self.specialty_list]
        if specialties:
            data["knowsAbout"] = specialties
        if self.language_list:
            data["knowsLanguage"] = self.language_list
        if self.registration_number and self.regulator:
            abbreviation = self.regulator_abbreviation
            identifier = {
                "@type": "PropertyValue",
                "propertyID": abbreviation,
                "name": f"{abbreviation} registration number",
                "value": self.registration_number,
            }
            data["identifier"] = identifier
            credential = {
                "@type": "EducationalOccupationalCredential",
                "credentialCategory": "Professional registration",
                "name": f"{self.regulator_display} registration",
                "identifier": identifier,
                "recognizedBy": {"@type": "Organization", "name": str(self.regulator_display)},
            }
            if self.register_link and not self.register_link_is_search:
                credential["url"] = self.register_link
            data["hasCredential"] = credential
        if self.register_link and not self.register_link_is_search:
            data["sameAs"] = [self.register_link]
        return data

    def get_json_ld(self, request=None):
        page = seo.web_page(self, request, type_="ProfilePage")
        person = self.get_person_json_ld(request)
        page["mainEntity"] = person
        return [page, seo.breadcrumb_list([*self.get_breadcrumbs(), self], request)]


class ClinicianTreatment(Orderable):
    """A treatment a clinician offers, shown on their profile as a card."""

    clinician = ParentalKey(
        ClinicianPage, on_delete=models.CASCADE, related_name="offered_treatments"
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("treatment"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("A treatment page; only published pages are shown."),
    )

    panels = [PageTypeChooserPanel("page", page_type=TREATMENT_PAGE_TYPE)]

    class Meta(Orderable.Meta):
        verbose_name = _("treatment offered")
        verbose_name_plural = _("treatments offered")


def clinician_profile(page_id):
    """
    The live, public clinician profile with this id, its photo and specialties
    loaded, from the content cache: what a byline needs to link to it and name
    the specialty, at no query once cached. None for any other page.
    """

    def load():
        return (
            ClinicianPage.objects.live()
            .public()
            .filter(pk=page_id)
            .select_related("photo")
            .prefetch_related("specialties")
            .first()
        )

    return content_cache.get_or_set(f"clinic_site:clinician-profile:{page_id}", load)
