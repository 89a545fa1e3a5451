"""
A treatment's page. Its facts are real fields (so the page, cards and the API
read the same values), beside its side effects, who should not have it and its
FAQs, with a call to action to the consultation page.
"""

import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils.functional import cached_property
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

from clinic_site import booking, chrome, content_cache, related, seo
from clinic_site.api.fields import PageLinkListField, TestimonialListField
from clinic_site.models import BasePage, ClinicSettings, MedicalReviewMixin, Testimonial
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
from ..blocks import ContraindicationBlock, SideEffectBlock, TreatmentStreamBlock, faq_items_in
from ..faqs import faq_page_json_ld, question_lists_showing, searchable_text
from ..formatting import format_price, format_range
from .before_after import GALLERY_RENDITIONS, TreatmentBeforeAfter
from .taxonomy import Condition, TreatmentCategory


class TreatmentPage(MedicalReviewMixin, BasePage):
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
            .select_related(
                "category",
                "consultation_page",
                "reviewer",
                "reviewer__photo",
                "reviewer__profile_page",
            )
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

    def _brand_names_in_promoted_text(self):
        """
        Errors for a title or introduction that names one of the medicine's brands,
        when the advertising rules apply: the setting hides the brand names field,
        but cannot rewrite what the editor typed.
        """
        if not (self.prescription_only and self.brand_names):
            return {}
        names = [name.strip() for name in self.brand_names.split(",") if name.strip()]
        found = {}
        for field in ("title", "intro", "seo_title", "search_description"):
            text = getattr(self, field) or ""
            named = [n for n in names if re.search(rf"\b{re.escape(n)}\b", text, re.IGNORECASE)]
            if named:
                found[field] = named
        if not found or not self._advertising_rules_apply():
            return {}
        return {
            field: _(
                "The advertising rules for prescription-only medicines are on: do not name "
                "%(brands)s here. Use the treatment's general name, e.g. 'Anti-wrinkle "
                "injections'."
            )
            % {"brands": ", ".join(named)}
            for field, named in found.items()
        }

    def _advertising_rules_apply(self):
        """The page's site's setting; for a page not yet in the tree, any site's."""
        if self.pk is not None and self.path:
            return self._site_follows_advertising_rules()
        return ClinicSettings.objects.filter(prescription_advertising_rules=True).exists()

    @property
    def summary(self):
        """The treatment's summary (its introduction), as cards and the API show it."""
        return self.intro

    @property
    def session_length_display(self):
        return format_range(self.session_minutes_min, self.session_minutes_max, "minutes")

    @property
    def results_last_display(self):
        return format_range(self.results_weeks_min, self.results_weeks_max, "weeks")

    @property
    def sessions_display(self):
        return format_range(self.sessions_min, self.sessions_max, "sessions")

    @cached_property
    def advertising_restricted(self):
        """
        Whether the law's advertising rules hide this page's brand names and price:
        the treatment uses a prescription-only medicine and the clinic's details turn
        the rules on (read from the cached settings of the page's site, no query).
        """
        return self.prescription_only and self._site_follows_advertising_rules()

    def _site_follows_advertising_rules(self):
        clinic = chrome.settings_for_page(ClinicSettings, self)
        if clinic is None:  # a page not in a site yet (a new page's preview): be safe
            return True
        return clinic.prescription_advertising_rules

    @property
    def brand_name_list(self):
        """The medicine's brand names, unless the advertising rules hide them."""
        if self.advertising_restricted:
            return []
        return [name.strip() for name in self.brand_names.split(",") if name.strip()]

    @property
    def shown_price(self):
        """The price from, unless the advertising rules hide it (then None)."""
        return None if self.advertising_restricted else self.price_from

    @property
    def price_display(self):
        if self.shown_price is None:
            return ""
        return _("From %(price)s") % {"price": format_price(self.price_from, self.price_currency)}

    @property
    def facts(self):
        """
        [(label, value with units)] for the facts that have a value, in reading order:
        the page's description list, cards and the API all use it.
        """
        rows = [
            (_("Session length"), self.session_length_display),
            (_("Numbing"), self.numbing),
            (_("Downtime"), self.downtime),
            (_("Results show"), self.results_onset),
            (_("Results last"), self.results_last_display),
            (_("Sessions needed"), self.sessions_display),
            (_("Price"), self.price_display),
            (_("Brand names"), ", ".join(self.brand_name_list)),
        ]
        return [(str(label), value) for label, value in rows if value]

    @property
    def key_facts(self):
        """The few facts a card has room for."""
        wanted = {str(_("Session length")), str(_("Downtime")), str(_("Price"))}
        return [fact for fact in self.facts if fact[0] in wanted]

    @property
    def preparation_lines(self):
        return [line.strip() for line in self.preparation.splitlines() if line.strip()]

    @property
    def aftercare_lines(self):
        return [line.strip() for line in self.aftercare.splitlines() if line.strip()]

    @cached_property
    def linked(self):
        """
        What the page lists beside its own fields, looked up together: its FAQ
        entries (shared questions in the same query) and the conditions it treats.
        Kept in the content cache (`clinic_site.content_cache`) until content
        changes; a preview or draft, whose lists are held in memory, is read as it is.
        """
        if self.pk is None or getattr(self, "_cluster_related_objects", None):
            return self._load_linked()
        return content_cache.get_or_set(f"treatments:page:{self.pk}:linked", self._load_linked)

    def _load_linked(self):
        return {
            "faq_entries": [
                entry
                for entry in self.faqs.select_related("shared_question")
                if entry.item is not None
            ],
            "conditions": list(self.conditions.all()),
            "articles": related.pages_about(self),
            # Candidates only: whether each is shown is checked on every view
            # (`shown_before_after`), so an expiry takes effect without a save.
            "before_after": list(
                self.before_after_pairs.select_related(
                    "before_image", "after_image", "authorization"
                )
            ),
            "testimonials": list(
                Testimonial.objects.filter(treatment=self, authorization__withdrawn_at=None)
                .select_related("authorization")
                .order_by("-given_on", "-pk")[:50]
            ),
        }

    @cached_property
    def question_lists(self):
        """
        The question lists (FAQ pages) where this page's shared questions also
        appear, for a link to the full list; from the content cache.
        """
        ids = sorted({item.question_id for item in self.get_shown_questions()} - {None})
        if not ids:
            return []
        key = f"treatments:question-lists:{','.join(map(str, ids))}"
        return content_cache.get_or_set(key, lambda: question_lists_showing(ids))

    @property
    def articles(self):
        """Live articles whose related treatments include this one, newest first."""
        return self.linked["articles"]

    @property
    def shown_before_after(self):
        """The before-and-after pairs whose patient's authorization covers the website today."""
        return [pair for pair in self.linked["before_after"] if pair.is_shown]

    @property
    def shown_testimonials(self):
        """Patients' reviews of this treatment whose authorization covers the website today."""
        return [item for item in self.linked["testimonials"] if item.is_authorized]

    def extra_rendition_images(self):
        """The gallery's photos, for the renditions made on publishing (`renditions`)."""
        return [
            (image, (GALLERY_RENDITIONS,))
            for pair in self.shown_before_after
            for image in (pair.before_image, pair.after_image)
        ]

    def facts_search_text(self):
        """
        The facts as the page shows them ("Price From £350", "Numbing Numbing cream"),
        for search: a price or brand the advertising rules hide is not indexed either.
        """
        facts = [f"{label} {value}" for label, value in self.facts]
        return " ".join([*facts, self.body_location])

    def faq_search_text(self):
        """
        Every question the page shows with its answer, for search. Read from the
        database (not the content cache), as the index must see what was just published.
        """
        entries = self.faqs.select_related("shared_question")
        items = [entry.item for entry in entries if entry.item is not None]
        return searchable_text([*items, *faq_items_in(self.body)])

    def before_after_search_text(self):
        """The shown pairs' captions, for search: a withdrawn pair's text leaves the index."""
        pairs = self.before_after_pairs.filter(TreatmentBeforeAfter.shown_q())
        return " ".join(pair.caption for pair in pairs if pair.caption)

    @property
    def faq_entries(self):
        """The page's own FAQ list, with its shared questions."""
        return self.linked["faq_entries"]

    @property
    def faq_items(self):
        return [entry.item for entry in self.faq_entries]

    def get_shown_questions(self, request=None):
        """Every question the reader sees: the FAQ list and FAQ-list blocks in the body."""
        return [*self.faq_items, *faq_items_in(self.body)]

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

    @property
    def condition_list(self):
        return self.linked["conditions"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["consultation_url"] = self.get_consultation_url(request)
        context["conditions"] = self.condition_list
        context["before_after"] = self.shown_before_after
        context["testimonials"] = self.shown_testimonials
        context["articles"] = self.articles
        context["question_lists"] = self.question_lists
        return context

    def get_procedure_json_ld(self, request=None):
        """
        The treatment as a schema.org `MedicalTherapy` (a `MedicalProcedure` that can
        also name side effects and contraindications), also typed `Service` so it may
        carry `offers` (the price) and `provider`: the medical types have no property
        for what a treatment costs.
        """
        url = seo.absolute_url(self, request)
        data = {
            "@context": "https://schema.org",
            "@type": ["MedicalTherapy", "Service"],
            "@id": f"{url}#treatment",
            "name": self.title,
            "url": url,
        }
        if self.intro:
            data["description"] = self.intro
        if self.procedure_type:
            types = {"noninvasive": "NoninvasiveProcedure", "percutaneous": "PercutaneousProcedure"}
            data["procedureType"] = f"https://schema.org/{types[self.procedure_type]}"
        if self.how_performed:
            data["howPerformed"] = self.how_performed
        if self.preparation:
            data["preparation"] = " ".join(self.preparation_lines)
        if self.aftercare:
            data["followup"] = " ".join(self.aftercare_lines)
        if self.body_location:
            data["bodyLocation"] = self.body_location
        side_effects = [*self.common_side_effects, *self.rare_side_effects]
        if side_effects:
            data["adverseOutcome"] = [
                {"@type": "MedicalEntity", "name": effect.value["name"]} for effect in side_effects
            ]
        if self.contraindications:
            data["contraindication"] = [reason.value["reason"] for reason in self.contraindications]
        brands = self.brand_name_list
        if brands:
            data["brand"] = [{"@type": "Brand", "name": name} for name in brands]
        if self.shown_price is not None:
            data["offers"] = {
                "@type": "Offer",
                "price": f"{self.price_from:.2f}",
                "priceCurrency": self.price_currency,
                "url": url,
            }
        if request is not None:
            clinic = ClinicSettings.for_request(request)
            data["provider"] = {"@type": "MedicalClinic", "name": clinic.clinic_name}
        return data

    def get_json_ld(self, request=None):
        page = seo.medical_web_page(self, request)
        procedure = self.get_procedure_json_ld(request)
        page["about"] = {"@id": procedure["@id"]}
        objects = [page, procedure]
        faq = faq_page_json_ld(self.get_shown_questions(request), self)
        if faq:
            objects.append(faq)
        objects.append(seo.breadcrumb_list([*self.get_breadcrumbs(), self], request))
        return objects
