"""
A treatment's page. Its facts are real fields (so the page, cards and the API
read the same values), beside its side effects, who should not have it and its
FAQs, with a call to action to the consultation page.
"""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from clinic_site import booking, chrome
from clinic_site.api.fields import PageLinkListField, TestimonialListField
from clinic_site.models import BasePage, ClinicSettings, MedicalReviewMixin
from clinic_site.panels import PageTypeChooserPanel

from .. import conf
from ..api.fields import (
    BeforeAfterListField,
    BooleanValueField,
    FactListField,
    FaqListField,
    PriceField,
    StringListField,
    StringValueField,
    TermField,
    TermListField,
)
from ..blocks import ContraindicationBlock, SideEffectBlock, TreatmentStreamBlock
from .content import TreatmentContentMixin
from .facts import TreatmentFactsMixin
from .structured_data import TreatmentStructuredDataMixin
from .taxonomy import Condition, TreatmentCategory


class TreatmentPage(
    TreatmentFactsMixin,
    TreatmentContentMixin,
    TreatmentStructuredDataMixin,
    MedicalReviewMixin,
    BasePage,
):
    """A treatment: facts at a glance, how it works, side effects, questions, and a way to book."""

    PROCEDURE_TYPES = [
        ("noninvasive", _("Non-invasive (nothing goes through the skin)")),
        ("percutaneous", _("Through the skin (injections, needles)")),
    ]

    category = models.ForeignKey(
        TreatmentCategory,
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="treatments",
        help_text=_("The group this treatment is listed under on the treatments page."),
    )
    conditions = ParentalManyToManyField(
        Condition,
        verbose_name=_("conditions treated"),
        blank=True,
        related_name="treatments",
        help_text=_("What this treatment helps with; patients can filter treatments by these."),
    )
    body = StreamField(
        TreatmentStreamBlock(),
        verbose_name=_("how it works and what happens"),
        blank=True,
        help_text=_(
            "How the treatment works and what happens on the day, with headings, text and images."
        ),
    )

    # Facts at a glance.
    session_minutes_min = models.PositiveSmallIntegerField(
        _("session length from (minutes)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("The shortest a session usually takes, e.g. 15."),
    )
    session_minutes_max = models.PositiveSmallIntegerField(
        _("session length up to (minutes)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("The longest it usually takes, e.g. 30. Leave empty if it is always the same."),
    )
    numbing = models.CharField(
        _("numbing"),
        max_length=120,
        blank=True,
        help_text=_("How discomfort is eased, e.g. 'Numbing cream or ice'. Empty hides the row."),
    )
    downtime = models.CharField(
        _("downtime"),
        max_length=120,
        blank=True,
        help_text=_("Time off needed afterwards, e.g. 'None: back to work the same day'."),
    )
    results_onset = models.CharField(
        _("when results show"),
        max_length=120,
        blank=True,
        help_text=_("e.g. 'Within a few days; full effect after about a week'."),
    )
    results_weeks_min = models.PositiveSmallIntegerField(
        _("results last from (weeks)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("How long results usually last, which is also when to repeat, e.g. 12."),
    )
    results_weeks_max = models.PositiveSmallIntegerField(
        _("results last up to (weeks)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("The upper end, if it varies, e.g. 16. Leave empty for a single number."),
    )
    sessions_min = models.PositiveSmallIntegerField(
        _("sessions needed from"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("How many sessions a course usually needs, e.g. 1."),
    )
    sessions_max = models.PositiveSmallIntegerField(
        _("sessions needed up to"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("The upper end, if it varies, e.g. 3. Leave empty for a single number."),
    )
    price_from = models.DecimalField(
        _("price from"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("The lowest price, without the currency sign, e.g. 250. Empty hides it."),
    )
    price_currency = models.CharField(
        _("currency"),
        max_length=3,
        default=conf.default_currency,
        validators=[RegexValidator(r"^[A-Z]{3}$", _("Use a three-letter code such as GBP."))],
        help_text=_("Three-letter currency code, e.g. GBP, EUR or USD."),
    )

    # For search engines and the 'How it is done' section.
    procedure_type = models.CharField(
        _("type of procedure"),
        max_length=20,
        blank=True,
        choices=PROCEDURE_TYPES,
        help_text=_("Tells search engines whether anything goes through the skin."),
    )
    body_location = models.CharField(
        _("where on the body"),
        max_length=160,
        blank=True,
        help_text=_("Optional, e.g. 'Forehead, temples, back of the head and neck'."),
    )
    how_performed = models.TextField(
        _("how it is done, in brief"),
        blank=True,
        max_length=500,
        help_text=_("One or two sentences, e.g. 'Small injections into chosen muscles'."),
    )
    preparation = models.TextField(
        _("before your appointment"),
        blank=True,
        max_length=1000,
        help_text=_("What patients should do or avoid beforehand. One point per line."),
    )
    aftercare = models.TextField(
        _("aftercare"),
        blank=True,
        max_length=1000,
        help_text=_("What patients should do or avoid afterwards. One point per line."),
    )

    # Safety.
    common_side_effects = StreamField(
        [("side_effect", SideEffectBlock())],
        verbose_name=_("common side effects"),
        blank=True,
        help_text=_("Side effects many people notice, usually mild and short-lived."),
    )
    rare_side_effects = StreamField(
        [("side_effect", SideEffectBlock())],
        verbose_name=_("rare side effects"),
        blank=True,
        help_text=_("Side effects few people get, and any that need a call to the clinic."),
    )
    contraindications = StreamField(
        [("reason", ContraindicationBlock())],
        verbose_name=_("who should not have it"),
        blank=True,
        help_text=_("People for whom this treatment is not suitable, or not yet."),
    )

    # Advertising rules for prescription-only medicines.
    prescription_only = models.BooleanField(
        _("uses a prescription-only medicine"),
        default=False,
        help_text=_(
            "Tick for treatments with a medicine only a prescriber may supply, such as "
            "anti-wrinkle injections. When the clinic's details turn the advertising rules "
            "on, this page shows no brand names or price and leads to a consultation instead."
        ),
    )
    brand_names = models.CharField(
        _("brand names"),
        max_length=200,
        blank=True,
        help_text=_(
            "Product names of the medicine used, separated by commas, e.g. 'Botox, "
            "Azzalure'. Shown on the page unless the advertising rules hide them; do not "
            "repeat them in the title or introduction."
        ),
    )

    consultation_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("consultation page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Where the 'Book a consultation' button leads. Leave empty to use the consultation "
            "page in the clinic details."
        ),
    )

    content_panels = [
        *BasePage.content_panels,
        FieldRowPanel([FieldPanel("category"), FieldPanel("procedure_type")]),
        FieldPanel("conditions", widget=forms.CheckboxSelectMultiple),
        FieldPanel("body"),
        PageTypeChooserPanel("consultation_page", page_type="consultations.ConsultationPage"),
    ]
    facts_panels = [
        FieldRowPanel(
            [FieldPanel("session_minutes_min"), FieldPanel("session_minutes_max")],
            heading=_("Session length"),
        ),
        FieldRowPanel([FieldPanel("numbing"), FieldPanel("downtime")]),
        FieldPanel("results_onset"),
        FieldRowPanel(
            [FieldPanel("results_weeks_min"), FieldPanel("results_weeks_max")],
            heading=_("How long results last"),
        ),
        FieldRowPanel(
            [FieldPanel("sessions_min"), FieldPanel("sessions_max")],
            heading=_("Number of sessions"),
        ),
        FieldRowPanel([FieldPanel("price_from"), FieldPanel("price_currency")], heading=_("Price")),
        MultiFieldPanel(
            [FieldPanel("prescription_only"), FieldPanel("brand_names")],
            heading=_("Prescription-only medicine"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("how_performed"),
                FieldPanel("body_location"),
                FieldPanel("preparation"),
                FieldPanel("aftercare"),
            ],
            heading=_("The procedure"),
        ),
    ]
    safety_panels = [
        FieldPanel("common_side_effects"),
        FieldPanel("rare_side_effects"),
        FieldPanel("contraindications"),
        *MedicalReviewMixin.review_panels,
    ]
    faq_panels = [
        InlinePanel(
            "faqs",
            heading=_("Questions and answers"),
            label=_("Question"),
            help_text=_("Write a question and answer here, or choose a shared question instead."),
        ),
    ]

    before_after_panels = [
        InlinePanel(
            "before_after_pairs",
            heading=_("Before and after"),
            label=_("Before-and-after pair"),
            help_text=_(
                "Photos of a patient before and after this treatment. Each pair needs the "
                "reference of the patient's signed authorization from the front desk; a pair "
                "is shown only while that authorization is valid."
            ),
        ),
    ]

    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(facts_panels, heading=_("Facts")),
            ObjectList(safety_panels, heading=_("Safety and review")),
            ObjectList(faq_panels, heading=_("Questions")),
            ObjectList(before_after_panels, heading=_("Before and after")),
            ObjectList(BasePage.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )

    # What patients search for: the facts (price, downtime, numbing), what to do
    # before and after, side effects, who should not have it and the answers.
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("body"),
        index.SearchField("how_performed"),
        index.SearchField("facts_search_text"),
        index.SearchField("preparation"),
        index.SearchField("aftercare"),
        index.SearchField("common_side_effects"),
        index.SearchField("rare_side_effects"),
        index.SearchField("contraindications"),
        index.SearchField("faq_search_text"),
        index.SearchField("before_after_search_text"),
        index.RelatedFields("conditions", [index.SearchField("name")]),
        index.RelatedFields("category", [index.SearchField("name")]),
        index.FilterField("category"),
    ]

    api_fields = [
        *BasePage.api_fields,
        APIField("summary", serializer=StringValueField()),
        APIField("category", serializer=TermField()),
        APIField("conditions", serializer=TermListField(source="condition_list")),
        APIField("procedure_type"),
        APIField("facts", serializer=FactListField()),
        APIField("price", serializer=PriceField()),
        APIField("prescription_only"),
        APIField("advertising_restricted", serializer=BooleanValueField()),
        APIField("brand_names", serializer=StringListField(source="brand_name_list")),
        APIField("session_minutes_min"),
        APIField("session_minutes_max"),
        APIField("results_weeks_min"),
        APIField("results_weeks_max"),
        APIField("sessions_min"),
        APIField("sessions_max"),
        APIField("numbing"),
        APIField("downtime"),
        APIField("results_onset"),
        APIField("body_location"),
        APIField("how_performed"),
        APIField("preparation_lines", serializer=StringListField()),
        APIField("aftercare_lines", serializer=StringListField()),
        APIField("body"),
        APIField("common_side_effects"),
        APIField("rare_side_effects"),
        APIField("contraindications"),
        APIField("faqs", serializer=FaqListField(source="faq_items")),
        APIField("before_after", serializer=BeforeAfterListField(source="shown_before_after")),
        APIField("testimonials", serializer=TestimonialListField(source="shown_testimonials")),
        APIField("consultation_url", serializer=StringValueField(source="get_consultation_url")),
        APIField("articles", serializer=PageLinkListField()),
        APIField("question_lists", serializer=PageLinkListField()),
        *MedicalReviewMixin.review_api_fields,
    ]

    parent_page_types = ["treatments.TreatmentIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("treatment")
        verbose_name_plural = _("treatments")

    @classmethod
    def select_shown(cls, queryset):
        return (
            super()
            .select_shown(queryset)
            .select_related("category", "consultation_page", *cls.reviewer_byline_related)
        )

    def clean(self):
        super().clean()
        errors = {}
        for low, high in [
            ("session_minutes_min", "session_minutes_max"),
            ("results_weeks_min", "results_weeks_max"),
            ("sessions_min", "sessions_max"),
        ]:
            low_value, high_value = getattr(self, low), getattr(self, high)
            if high_value is not None and low_value is None:
                errors[low] = _("Fill in this number first; 'up to' is only for a range.")
            elif low_value is not None and high_value is not None and high_value < low_value:
                errors[high] = _("This must not be smaller than the number before it.")
        errors.update(self._brand_names_in_promoted_text())
        if errors:
            raise ValidationError(errors)

    @property
    def booking_treatment(self):
        """Links to the consultation form from this page preselect this treatment."""
        return self

    def get_consultation_url(self, request=None):
        """
        The consultation page (this page's choice, or the clinic's), with this
        treatment for the form there to preselect (`clinic_site.booking`).
        """
        page = self.consultation_page
        if page is None:
            if request is not None:
                page = ClinicSettings.for_request(request).consultation_page
            else:  # e.g. the API, which has no request here
                clinic = chrome.settings_for_page(ClinicSettings, self)
                page = clinic.consultation_page if clinic else None
        if page is None or not page.live:
            return ""
        return booking.booking_url(page, treatment=self, request=request)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Shown only in the kept-rendered treatment (`{% contentcache %}`): looked up
        # when it renders, not when it is read from the cache.
        context.update(
            consultation_url=SimpleLazyObject(lambda: self.get_consultation_url(request)),
            conditions=SimpleLazyObject(lambda: self.condition_list),
            before_after=SimpleLazyObject(lambda: self.shown_before_after),
            testimonials=SimpleLazyObject(lambda: self.shown_testimonials),
            articles=SimpleLazyObject(lambda: self.articles),
            question_lists=SimpleLazyObject(lambda: self.question_lists),
        )
        return context
