"""
The abstract base every content page extends, and the home page.

Where the home page shows content from an app (latest posts), it asks Django
for the model by its string name (see `conf.py`), never importing the app.
"""

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageViewRestriction
from wagtail.search import index

from .. import conf, content_cache, routing, seo, visibility
from ..api.fields import (
    HeroImageField,
    ImageField,
    JsonLdField,
    PageLinkField,
    PageLinkListField,
    TestimonialListField,
)
from ..blocks import BaseStreamBlock
from ..cards import chosen_pages
from .site_settings import ClinicSettings
from .testimonials import Testimonial


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
    # What the site search calls this kind of page, e.g. "Treatment"; the
    # type's name when None.
    search_result_label = None

    api_fields = [
        APIField("intro"),
        APIField("hero_image", serializer=HeroImageField()),
        APIField("social_image", serializer=ImageField()),
        APIField("seo_title"),
        APIField("search_description"),
        APIField("json_ld", serializer=JsonLdField()),
    ]

    objects = visibility.ClinicPageManager()

    class Meta:
        abstract = True

    @classmethod
    def select_shown(cls, queryset):
        """
        `queryset` with the `select_related()` of what the page shows (its
        template, its API fields: the locale is in every API answer), so that costs
        no query: extend it in subclasses.
        """
        return queryset.select_related("hero_image", "social_image", "locale")

    @classmethod
    def get_route_queryset(cls):
        """The queryset a page is loaded from when a visitor asks for it."""
        return cls.select_shown(cls.objects.all())

    def route(self, request, path_components):
        """Wagtail's routing, resolving the rest of the address in two queries (`routing`)."""
        if not path_components:
            return super().route(request, path_components)
        return routing.route(self, request, path_components, _TRANSPARENT_ROUTES)

    def get_view_restrictions(self):
        """No query on a site without private sections (the usual case), else Wagtail's."""
        if not visibility.restricted_paths():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

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

    def serve_preview(self, request, mode_name):
        """With a headless front end configured, preview there instead of here."""
        from ..preview import frontend_url, serve_headless_preview

        if frontend_url():
            return serve_headless_preview(self)
        return super().serve_preview(request, mode_name)

    @property
    def json_ld(self):
        """The page's schema.org objects, as the template writes them (for the API)."""
        return self.get_json_ld()

    def get_breadcrumbs(self):
        """
        Ancestors shown in the breadcrumb trail, from the home page down: those
        routing found on the way here, else one query (looked up once per page).
        """
        if not hasattr(self, "_breadcrumbs"):
            found = getattr(self, "_route_ancestors", None)
            if found is None and self.pk is not None and self.depth:
                # Shared by every page with the same parent, e.g. a listing's items.
                found = content_cache.get_or_set(
                    f"ancestors:{self.path[: -self.steplen]}",
                    lambda: list(self.get_ancestors().filter(depth__gt=1)),
                )
            elif found is None:
                found = self.get_ancestors().filter(depth__gt=1)
            self._breadcrumbs = list(found)
        return self._breadcrumbs

    def get_json_ld(self, request=None):
        """Objects for this page's JSON-LD; subclasses replace the first with a richer type."""
        return [
            seo.web_page(self, request),
            seo.breadcrumb_list([*self.get_breadcrumbs(), self], request),
        ]


# `route()` implementations that only hand an address over to a child page.
_TRANSPARENT_ROUTES = (Page.route, BasePage.route)


class HomePage(BasePage):
    """The site's root page: hero, intro, featured pages, latest posts, call to action."""

    # Named for this app, so that a project's own `HomePage` (the one `wagtail start` makes)
    # can live beside it: by default both would claim the reverse accessor `Page.homepage`.
    page_ptr = models.OneToOneField(
        Page,
        on_delete=models.CASCADE,
        parent_link=True,
        auto_created=True,
        primary_key=True,
        serialize=False,
        related_name="clinic_home_page",
    )
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
    testimonials_heading = models.CharField(
        _("reviews heading"),
        max_length=120,
        default="What our patients say",
        help_text=_("The heading above the patients' reviews."),
    )
    testimonials_count = models.PositiveSmallIntegerField(
        _("number of reviews"),
        default=3,
        help_text=_(
            "How many of the newest patient reviews (those marked for the home page) to "
            "show; 0 hides the section. Reviews are added under Snippets, Patient reviews."
        ),
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
        MultiFieldPanel(
            [FieldPanel("testimonials_heading"), FieldPanel("testimonials_count")],
            heading=_("Patient reviews"),
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
        APIField("featured_pages", serializer=PageLinkListField(source="get_featured_page_links")),
        APIField("latest_posts_heading"),
        APIField("latest_posts_count"),
        APIField("testimonials_heading"),
        APIField("testimonials", serializer=TestimonialListField(source="get_testimonials")),
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
        """Featured pages as their specific types, with their card images (the template)."""
        links = self.featured_pages.select_related("page")
        return chosen_pages([link.page for link in links])

    def get_featured_page_links(self):
        """The same pages for the API's links: base pages are enough, no images."""
        links = self.featured_pages.select_related("page")
        return [link.page for link in links if link.page.live and visibility.is_public(link.page)]

    def get_latest_posts(self):
        """The newest live articles, when the app that provides them is installed."""
        if not self.latest_posts_count:
            return []
        try:
            model = apps.get_model(conf.get("CLINIC_LATEST_POSTS_MODEL"))
        except (LookupError, ValueError):
            return []
        posts = (
            visibility.public(model.objects.live().descendant_of(self))
            .select_related("hero_image")
            .defer_streamfields()
            .order_by(*conf.get("CLINIC_LATEST_POSTS_ORDERING"))[: self.latest_posts_count]
        )
        return list(posts)

    def get_testimonials(self):
        """
        The newest reviews marked for the home page whose authorization covers the
        website today. The candidates come from the content cache (a withdrawal
        or any review's change refreshes it); the dates are checked on each view,
        so an authorization that expires today is not shown tomorrow.
        """
        if not self.testimonials_count:
            return []
        candidates = content_cache.get_or_set(
            "home:testimonials",
            lambda: list(
                Testimonial.objects.filter(on_home_page=True, authorization__withdrawn_at=None)
                .select_related("treatment", "authorization")
                .order_by("-given_on", "-pk")[:100]
            ),
        )
        return [item for item in candidates if item.is_authorized][: self.testimonials_count]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["featured_pages"] = self.get_featured_pages()
        context["latest_posts"] = self.get_latest_posts()
        context["testimonials"] = self.get_testimonials()
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

    class Meta(Orderable.Meta):
        verbose_name = _("featured page")
        verbose_name_plural = _("featured pages")
