"""The clinic's site-wide details, edited under Settings → Clinic details."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Site

from .. import chrome
from ..countries import COUNTRY_CHOICES, DEFAULT_COUNTRY
from ..panels import PageTypeChooserPanel


class SocialLinkValue(blocks.StructValue):
    @property
    def display_label(self):
        if self.get("label"):
            return self["label"]
        choices = dict(self.block.child_blocks["platform"].field.choices)
        return choices.get(self.get("platform"), self.get("url"))


class SocialLinkBlock(blocks.StructBlock):
    platform = blocks.ChoiceBlock(
        label=_("Platform"),
        choices=[
            ("instagram", "Instagram"),
            ("facebook", "Facebook"),
            ("tiktok", "TikTok"),
            ("youtube", "YouTube"),
            ("linkedin", "LinkedIn"),
            ("x", "X"),
            ("other", _("Other")),
        ],
        help_text=_("Which site the link goes to; its name is shown as the link text."),
    )
    url = blocks.URLBlock(
        label=_("Web address"),
        help_text=_("The full address of the clinic's profile, starting with https://."),
    )
    label = blocks.CharBlock(
        label=_("Link text"),
        required=False,
        max_length=60,
        help_text=_("Only needed for 'Other', e.g. 'Our Pinterest boards'."),
    )

    class Meta:
        icon = "site"
        label = _("Social link")
        value_class = SocialLinkValue


@register_setting(icon="site")
class ClinicSettings(BaseSiteSetting):
    """The clinic's details, shown in the header and footer and used in structured data."""

    clinic_name = models.CharField(
        _("clinic name"),
        max_length=120,
        default="Clinic",
        help_text=_("The clinic's name as patients know it; shown in the header and footer."),
    )
    phone = models.CharField(
        _("phone number"),
        max_length=40,
        blank=True,
        help_text=_("The number patients call, written as they should dial it."),
    )
    country = models.CharField(
        _("country"),
        max_length=2,
        choices=COUNTRY_CHOICES,
        default=DEFAULT_COUNTRY,
        help_text=_(
            "Where the clinic is. The consultation form tells patients the emergency number "
            "of this country and shows phone numbers the way they are written there."
        ),
    )
    email = models.EmailField(
        _("e-mail address"),
        blank=True,
        help_text=_("The public e-mail address for patients' questions."),
    )
    address = models.TextField(
        _("address"),
        blank=True,
        help_text=_("The clinic's postal address, one part per line."),
    )
    opening_hours = models.TextField(
        _("opening hours"),
        blank=True,
        help_text=_("One line per day or range of days, e.g. 'Monday to Friday: 9:00 to 18:00'."),
    )
    consultation_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("consultation page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The page where patients ask for a consultation; linked from every page."),
    )
    social_links = StreamField(
        [("link", SocialLinkBlock())],
        verbose_name=_("social links"),
        blank=True,
        help_text=_("The clinic's profiles on other sites, shown in the footer."),
    )
    medical_disclaimer = RichTextField(
        _("medical disclaimer"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_(
            "Shown at the foot of every page, e.g. that articles do not replace advice "
            "from a clinician who has examined you."
        ),
    )

    legal_links = StreamField(
        [
            (
                "page",
                blocks.PageChooserBlock(
                    label=_("Page"),
                    help_text=_("A page of this site, e.g. the privacy notice or complaints."),
                ),
            )
        ],
        verbose_name=_("legal links"),
        blank=True,
        help_text=_(
            "The pages linked at the very bottom of every page, in this order: usually the "
            "privacy notice, accessibility statement, complaints and terms."
        ),
    )
    privacy_notice_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy notice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "The page that says how the clinic uses patients' personal data; linked beside "
            "the consent box of the consultation form."
        ),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "The clinic's logo, given to search engines with the clinic's details; a square "
            "image of at least 112 by 112 pixels works best."
        ),
    )
    price_range = models.CharField(
        _("price range"),
        max_length=40,
        blank=True,
        help_text=_(
            "How expensive the clinic is, for search engines: e.g. '££' or 'From £150'. "
            "Leave empty to leave it out."
        ),
    )
    review_interval_months = models.PositiveSmallIntegerField(
        _("medical review interval (months)"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_(
            "How often health content needs a clinician to review it again, in months. "
            "Pages and shared questions whose last review is older than this appear as "
            "overdue in the 'Content due for medical review' report."
        ),
    )

    prescription_advertising_rules = models.BooleanField(
        _("follow the advertising rules for prescription-only medicines"),
        default=False,
        help_text=_(
            "Turn on where the law forbids advertising prescription-only medicines to the "
            "public, as in the UK: there, naming a medicine such as Botox or its price on a "
            "page that promotes the treatment counts as advertising it. Treatment pages "
            "marked 'uses a prescription-only medicine' then show no brand names or price, "
            "on the page, in the API or in the data given to search engines, and invite "
            "patients to a consultation instead."
        ),
    )

    panels = [
        FieldPanel("clinic_name"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
                FieldPanel("address"),
                FieldPanel("country"),
                FieldPanel("opening_hours"),
            ],
            heading=_("Contact details"),
        ),
        PageTypeChooserPanel("consultation_page", page_type="consultations.ConsultationPage"),
        FieldPanel("social_links"),
        FieldPanel("medical_disclaimer"),
        MultiFieldPanel(
            [FieldPanel("legal_links"), FieldPanel("privacy_notice_page")],
            heading=_("Legal pages"),
        ),
        MultiFieldPanel(
            [FieldPanel("logo"), FieldPanel("price_range")],
            heading=_("For search engines"),
        ),
        FieldPanel("review_interval_months"),
        FieldPanel("prescription_advertising_rules", heading=_("Advertising rules")),
    ]

    class Meta:
        verbose_name = _("clinic details")

    @classmethod
    def for_request(cls, request):
        """
        The request's site's details, from the cache when there (`clinic_site.chrome`):
        every public page reads them. The admin edits them through `for_site()`.
        """
        attr_name = cls.get_cache_attr_name()
        if hasattr(request, attr_name):
            return getattr(request, attr_name)
        site = Site.find_for_request(request)
        if site is None:
            raise cls.DoesNotExist(f"{cls.__name__} does not exist for site None.")
        instance = chrome.site_settings(cls, site)
        instance._request = request  # as Wagtail's: page URLs relative to this request
        setattr(request, attr_name, instance)
        return instance

    def get_legal_pages(self):
        """
        The live pages the footer links, in the editor's order (one query, kept
        with the instance, so the cached settings hold them too).
        """
        if not hasattr(self, "_legal_pages"):
            self._legal_pages = [
                block.value for block in self.legal_links if block.value and block.value.live
            ]
        return self._legal_pages

    @property
    def privacy_notice_url(self):
        page = self.privacy_notice_page
        return page.url if page is not None and page.live else ""

    @property
    def address_lines(self):
        return [line.strip() for line in self.address.splitlines() if line.strip()]

    @property
    def opening_hours_lines(self):
        return [line.strip() for line in self.opening_hours.splitlines() if line.strip()]
