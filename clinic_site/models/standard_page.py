"""
The general page: About, Contact, Prices, Privacy notice, Accessibility
statement, Complaints and whatever else a clinic must publish that is not a
treatment or an article.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.search import index

from .. import seo
from ..blocks import BaseStreamBlock
from .pages import BasePage


class StandardPage(BasePage):
    """
    A page built from the shared blocks, allowed under the home page and under
    itself, so a clinic can group related pages (Legal → Privacy notice).
    """

    # schema.org has a page type for some of these; the rest are plain WebPages.
    KINDS = [
        ("", _("General page")),
        ("about", _("About the clinic")),
        ("contact", _("Contact details")),
    ]
    SCHEMA_TYPES = {"": "WebPage", "about": "AboutPage", "contact": "ContactPage"}

    body = StreamField(
        BaseStreamBlock(),
        verbose_name=_("page content"),
        blank=True,
        help_text=_("The page's text, with headings, images, quotes and calls to action."),
    )
    kind = models.CharField(
        _("what the page is about"),
        max_length=20,
        blank=True,
        choices=KINDS,
        help_text=_(
            "Tells search engines what this page is: choose 'About the clinic' or 'Contact "
            "details' for those pages, 'General page' for everything else."
        ),
    )

    content_panels = [*BasePage.content_panels, FieldPanel("body")]
    promote_panels = [*BasePage.promote_panels, FieldPanel("kind")]

    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    search_result_label = _("Clinic information")

    api_fields = [*BasePage.api_fields, APIField("kind"), APIField("body")]

    parent_page_types = ["clinic_site.HomePage", "clinic_site.StandardPage"]
    subpage_types = ["clinic_site.StandardPage"]

    class Meta:
        verbose_name = _("general page")
        verbose_name_plural = _("general pages")

    def get_child_pages(self):
        """Live child pages listed under the content, e.g. the pages of a 'Legal' section."""
        return list(self.get_children().live().public().specific())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["child_pages"] = self.get_child_pages()
        return context

    def get_json_ld(self, request=None):
        return [
            seo.web_page(self, request, type_=self.SCHEMA_TYPES.get(self.kind, "WebPage")),
            seo.breadcrumb_list([*self.get_breadcrumbs(), self], request),
        ]
