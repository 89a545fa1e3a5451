"""A list of questions in sections, searchable by the reader, with FAQPage structured data."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.search import index

from clinic_site import seo
from clinic_site.models import BasePage, MedicalReviewMixin

from ..blocks import FaqSectionBlock, TreatmentStreamBlock, faq_items_in
from ..faqs import faq_page_json_ld, searchable_text


class FaqPage(MedicalReviewMixin, BasePage):
    """A list of questions in sections, e.g. 'Questions to ask before Botox treatment'."""

    heading = models.CharField(
        _("main heading"),
        max_length=160,
        blank=True,
        help_text=_(
            "The big heading at the top, e.g. 'Questions to ask before Botox treatment'. "
            "The page title (shown in menus) is used if empty."
        ),
    )
    sections = StreamField(
        [("section", FaqSectionBlock())],
        verbose_name=_("questions"),
        blank=True,
        help_text=_("Group questions in sections; each question opens to show its answer."),
    )
    body = StreamField(
        TreatmentStreamBlock(),
        verbose_name=_("more content"),
        blank=True,
        help_text=_("Optional content shown after the questions, e.g. a call to action."),
    )
    show_search = models.BooleanField(
        _("show a search box"),
        default=True,
        help_text=_("Lets readers narrow the questions to those containing a word."),
    )

    content_panels = [
        *BasePage.content_panels[:1],
        FieldPanel("heading"),
        *BasePage.content_panels[1:],
        FieldPanel("sections"),
        FieldPanel("body"),
        FieldPanel("show_search"),
        *MedicalReviewMixin.review_panels,
    ]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("heading", boost=2),
        index.SearchField("faq_search_text"),
        index.SearchField("body"),
    ]
    search_result_label = _("Questions and answers")

    api_fields = [
        *BasePage.api_fields,
        APIField("heading"),
        APIField("sections"),
        APIField("body"),
        APIField("show_search"),
        *MedicalReviewMixin.review_api_fields,
    ]

    parent_page_types = ["clinic_site.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("question list")
        verbose_name_plural = _("question lists")

    @classmethod
    def select_shown(cls, queryset):
        return super().select_shown(queryset).select_related(*cls.reviewer_byline_related)

    def get_search_query(self, request):
        if not (self.show_search and request is not None):
            return ""
        return request.GET.get("q", "").strip()[:100]

    def get_sections(self, query=""):
        """[(heading, [FaqItem])] for the sections with a question matching `query`."""
        result = []
        for section in self.sections:
            items = section.value.faq_items
            if query:
                items = [item for item in items if item.matches(query)]
            if items:
                result.append((section.value["heading"], items))
        return result

    def faq_search_text(self):
        """Every question with its answer (shared ones included), for search."""
        return searchable_text(self.get_shown_questions())

    def get_shown_questions(self, request=None):
        query = self.get_search_query(request)
        sections = [item for _heading, items in self.get_sections(query) for item in items]
        return [*sections, *faq_items_in(self.body)]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        query = self.get_search_query(request)
        sections = self.get_sections(query)
        context["faq_query"] = query
        context["faq_sections"] = sections
        context["faq_match_count"] = sum(len(items) for _heading, items in sections)
        return context

    def get_json_ld(self, request=None):
        objects = [seo.medical_web_page(self, request)]
        faq = faq_page_json_ld(self.get_shown_questions(request), self)
        if faq:
            objects.append(faq)
        objects.append(seo.breadcrumb_list([*self.get_breadcrumbs(), self], request))
        return objects
