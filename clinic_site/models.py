"""
The shared core's models: the clinic's site-wide settings, the abstract base
every content page extends, and the home page.

Apps import `BasePage` and `ClinicSettings` from here; this module never
imports an app. Where the home page shows content from an app (latest posts),
it asks Django for the model by its string name (see `conf.py`).
"""

import datetime

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.api import APIField
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PreviewableMixin, RevisionMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from . import conf, seo
from .api import AuthorField, HeroImageField, ImageField, PageLinkField
from .blocks import BaseStreamBlock
from .cards import with_card_images
from .panels import PageTypeChooserPanel


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

    panels = [
        FieldPanel("clinic_name"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
                FieldPanel("address"),
                FieldPanel("opening_hours"),
            ],
            heading=_("Contact details"),
        ),
        PageTypeChooserPanel("consultation_page", page_type="consultations.ConsultationPage"),
        FieldPanel("social_links"),
        FieldPanel("medical_disclaimer"),
    ]

    class Meta:
        verbose_name = _("clinic details")

    @property
    def address_lines(self):
        return [line.strip() for line in self.address.splitlines() if line.strip()]

    @property
    def opening_hours_lines(self):
        return [line.strip() for line in self.opening_hours.splitlines() if line.strip()]


class Author(PreviewableMixin, RevisionMixin, index.Indexed, models.Model):
    """
    A person who writes or medically reviews content: shown in bylines, as a
    page's medical reviewer, and in structured data. Kept in the shared core
    because every app's pages name reviewers and no app may import another.
    """

    name = models.CharField(
        _("name"),
        max_length=120,
        help_text=_("Full name as it should appear in bylines, e.g. 'Dr Ana Silva'."),
    )
    credentials = models.CharField(
        _("credentials"),
        max_length=80,
        blank=True,
        help_text=_("Qualifications shown after the name, e.g. 'MD' or 'RN, MSc'."),
    )
    job_title = models.CharField(
        _("job title"),
        max_length=120,
        blank=True,
        help_text=_("e.g. 'Consultant dermatologist' or 'Aesthetic nurse practitioner'."),
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A head-and-shoulders photo; its description is used as alt text."),
    )
    bio = models.TextField(
        _("short biography"),
        blank=True,
        max_length=800,
        help_text=_("Two or three sentences about their training and experience."),
    )
    profile_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("profile page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A page on this site about this person, if there is one."),
    )
    profile_url = models.URLField(
        _("profile web address"),
        blank=True,
        help_text=_("Or a profile on another site, e.g. a professional register entry."),
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("credentials")]),
        FieldPanel("job_title"),
        FieldPanel("photo"),
        FieldPanel("bio"),
        MultiFieldPanel(
            [PageChooserPanel("profile_page"), FieldPanel("profile_url")],
            heading=_("Profile"),
        ),
    ]

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("credentials"),
    ]

    api_fields = [
        APIField("name"),
        APIField("credentials"),
        APIField("job_title"),
        APIField("bio"),
        APIField("photo", serializer=ImageField()),
        APIField("profile_link"),
    ]

    class Meta:
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name}, {self.credentials}" if self.credentials else self.name

    @property
    def profile_link(self):
        if self.profile_page_id and self.profile_page.live:
            return self.profile_page.url
        return self.profile_url

    def get_preview_template(self, request, mode_name):
        return "components/author_preview.html"

    def to_json_ld(self, request=None):
        data = {"@type": "Person", "name": self.name}
        if self.credentials:
            data["honorificSuffix"] = self.credentials
        if self.job_title:
            data["jobTitle"] = self.job_title
        if self.profile_link:
            url = self.profile_link
            if request and url.startswith("/"):
                url = request.build_absolute_uri(url)
            data["url"] = url
        return data


register_snippet(Author)


class MedicalReviewMixin(models.Model):
    """
    Who medically reviewed a page and when. Pages that carry health claims use
    it; the "Content due for medical review" report lists every page type that
    does, and `seo.medical_web_page()` turns it into `reviewedBy`/`lastReviewed`.
    """

    reviewer = models.ForeignKey(
        Author,
        verbose_name=_("medical reviewer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The clinician who checked this page's medical content."),
    )
    last_reviewed = models.DateField(
        _("last reviewed"),
        null=True,
        blank=True,
        help_text=_(
            "The date of the last medical review. Pages not reviewed within the review "
            "interval appear in the 'Content due for medical review' report."
        ),
    )

    review_api_fields = [
        APIField("reviewer", serializer=AuthorField()),
        APIField("last_reviewed"),
    ]

    review_panels = [
        MultiFieldPanel(
            [FieldPanel("reviewer"), FieldPanel("last_reviewed")],
            heading=_("Medical review"),
        )
    ]

    class Meta:
        abstract = True

    @property
    def review_due_date(self):
        if not self.last_reviewed:
            return None
        return self.last_reviewed + datetime.timedelta(days=conf.get("CLINIC_REVIEW_INTERVAL_DAYS"))

    @property
    def is_review_due(self):
        return self.review_due_date is None or self.review_due_date <= timezone.localdate()


class BasePage(Page):
    """
    What every content page shares: intro, hero image with alt text, social image,
    and the SEO and structured-data helpers the base template reads.

    Subclasses extend `content_panels`, and override `get_json_ld()` to describe
    themselves with a fitting schema.org type.
    """

    intro = models.TextField(
        _("introduction"),
        blank=True,
        max_length=600,
        help_text=_(
            "Shown under the title, in listings and in search results; one or two sentences."
        ),
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("main image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown at the top of the page and on cards linking to it."),
    )
    hero_image_alt = models.CharField(
        _("main image alt text"),
        max_length=250,
        blank=True,
        help_text=_(
            "Describe the image for people who cannot see it. Leave empty only if the "
            "image's own description in the image library already says it."
        ),
    )
    social_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("social sharing image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Shown when the page is shared on social media; the main image is used if empty."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_image_alt")],
            heading=_("Main image"),
        ),
    ]
    promote_panels = [*Page.promote_panels, FieldPanel("social_image")]

    search_fields = [*Page.search_fields, index.SearchField("intro")]

    api_fields = [
        APIField("intro"),
        APIField("hero_image", serializer=HeroImageField()),
        APIField("social_image", serializer=ImageField()),
        APIField("seo_title"),
        APIField("search_description"),
        APIField("json_ld"),
    ]

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.hero_image and not self.hero_alt_text:
            raise ValidationError(
                {"hero_image_alt": _("Describe the main image for people who cannot see it.")}
            )

    @property
    def hero_alt_text(self):
        if not self.hero_image:
            return ""
        return self.hero_image_alt or (self.hero_image.description or "")

    @property
    def meta_description(self):
        return self.search_description or self.intro

    @property
    def share_image(self):
        return self.social_image or self.hero_image

    @property
    def json_ld(self):
        """The page's schema.org objects, as the template writes them (for the API)."""
        return self.get_json_ld()

    def get_breadcrumbs(self):
        """Ancestors shown in the breadcrumb trail, from the home page down (one query)."""
        return list(self.get_ancestors().filter(depth__gt=1))

    def get_json_ld(self, request=None):
        """Objects for this page's JSON-LD; subclasses replace the first with a richer type."""
        return [
            seo.web_page(self, request),
            seo.breadcrumb_list([*self.get_breadcrumbs(), self], request),
        ]


class HomePage(BasePage):
    """The site's root page: hero, intro, featured pages, latest posts, call to action."""

    hero_heading = models.CharField(
        _("hero heading"),
        max_length=120,
        blank=True,
        help_text=_("The big heading at the top; the page title is used if empty."),
    )
    hero_cta_label = models.CharField(
        _("button label"),
        max_length=60,
        blank=True,
        help_text=_("The main button under the heading, e.g. 'Book a consultation'."),
    )
    hero_cta_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("button leads to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The page the main button opens, usually the consultation page."),
    )
    featured_heading = models.CharField(
        _("featured section heading"),
        max_length=120,
        default="Our treatments",
        help_text=_("The heading above the featured pages."),
    )
    latest_posts_heading = models.CharField(
        _("latest articles heading"),
        max_length=120,
        default="Latest articles",
        help_text=_("The heading above the newest blog articles."),
    )
    latest_posts_count = models.PositiveSmallIntegerField(
        _("number of latest articles"),
        default=3,
        help_text=_("How many of the newest articles to show; 0 hides the section."),
    )
    body = StreamField(
        BaseStreamBlock(),
        verbose_name=_("more content"),
        blank=True,
        help_text=_("Optional sections shown below the articles."),
    )

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("hero_heading"),
                FieldRowPanel([FieldPanel("hero_cta_label"), PageChooserPanel("hero_cta_page")]),
            ],
            heading=_("Hero"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("featured_heading"),
                InlinePanel("featured_pages", label=_("Featured page")),
            ],
            heading=_("Featured treatments"),
        ),
        MultiFieldPanel(
            [FieldPanel("latest_posts_heading"), FieldPanel("latest_posts_count")],
            heading=_("Latest articles"),
        ),
        FieldPanel("body"),
    ]

    search_fields = [*BasePage.search_fields, index.SearchField("body")]

    api_fields = [
        *BasePage.api_fields,
        APIField("hero_heading"),
        APIField("hero_cta_label"),
        APIField("hero_cta_page", serializer=PageLinkField()),
        APIField("featured_heading"),
        APIField("featured_pages"),
        APIField("latest_posts_heading"),
        APIField("latest_posts_count"),
        APIField("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    @property
    def hero_cta_url(self):
        page = self.hero_cta_page
        return page.url if page and page.live else ""

    def get_featured_pages(self):
        """Live featured pages, as their specific types, with card images prefetched."""
        ids = [item.page_id for item in self.featured_pages.all() if item.page_id]
        pages = Page.objects.live().public().filter(id__in=ids).specific()
        by_id = {page.id: page for page in pages}
        return with_card_images([by_id[i] for i in ids if i in by_id])

    def get_latest_posts(self):
        """The newest live articles, when the app that provides them is installed."""
        if not self.latest_posts_count:
            return []
        try:
            model = apps.get_model(conf.get("CLINIC_LATEST_POSTS_MODEL"))
        except (LookupError, ValueError):
            return []
        posts = (
            model.objects.live()
            .public()
            .descendant_of(self)
            .order_by(*conf.get("CLINIC_LATEST_POSTS_ORDERING"))[: self.latest_posts_count]
        )
        return with_card_images(list(posts))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["featured_pages"] = self.get_featured_pages()
        context["latest_posts"] = self.get_latest_posts()
        return context

    def get_json_ld(self, request=None):
        clinic = ClinicSettings.for_request(request) if request else None
        objects = [seo.web_site(self, request, clinic)]
        if clinic:
            objects.append(seo.medical_clinic(clinic, self, request))
        return objects


class HomePageFeaturedPage(Orderable):
    """A page the home page shows as a card, in the editor's order."""

    home_page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_pages")
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Usually a treatment; shown as a card with its image and introduction."),
    )

    panels = [PageChooserPanel("page")]

    api_fields = [APIField("page", serializer=PageLinkField())]

    class Meta(Orderable.Meta):
        verbose_name = _("featured page")
        verbose_name_plural = _("featured pages")
