"""The treatments page: every treatment by category, filterable by category and condition."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.search import index

from clinic_site import seo
from clinic_site.models import BasePage

from ..api.fields import TreatmentGroupListField
from ..blocks import TreatmentStreamBlock, faq_items_in
from ..faqs import faq_page_json_ld
from .taxonomy import Condition, TreatmentCategory
from .treatment_page import TreatmentPage


class TreatmentIndexPage(BasePage):
    """The treatments, grouped by category, filterable by category and condition."""

    body = StreamField(
        TreatmentStreamBlock(),
        verbose_name=_("more content"),
        blank=True,
        help_text=_("Optional sections shown below the list of treatments."),
    )

    content_panels = [*BasePage.content_panels, FieldPanel("body")]

    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    search_result_label = _("Treatments")

    api_fields = [
        *BasePage.api_fields,
        APIField("treatment_groups", serializer=TreatmentGroupListField(source="api_groups")),
        APIField("body"),
    ]

    parent_page_types = ["clinic_site.HomePage"]
    subpage_types = ["treatments.TreatmentPage"]
    # One list of every treatment, which the menu, cards and links point to.
    max_count = 1

    class Meta:
        verbose_name = _("treatments index")

    def get_treatments(self):
        return (
            TreatmentPage.objects.child_of(self)
            .live()
            .public()
            .select_related("category", "hero_image")
            .defer_streamfields()
            .order_by("path")
        )

    def get_filters(self, request, treatments):
        """The chosen category and condition from the address; unknown values are ignored."""
        categories = list(TreatmentCategory.objects.filter(treatments__in=treatments).distinct())
        conditions = list(Condition.objects.filter(treatments__in=treatments).distinct())
        category_slug = request.GET.get("category", "") if request else ""
        condition_slug = request.GET.get("condition", "") if request else ""
        return {
            "categories": categories,
            "conditions": conditions,
            "category": next((c for c in categories if c.slug == category_slug), None),
            "condition": next((c for c in conditions if c.slug == condition_slug), None),
        }

    def get_groups(self, treatments, category=None, condition=None):
        """[(category or None, [treatments])] in category order; uncategorised last."""
        if category:
            treatments = treatments.filter(category=category)
        if condition:
            treatments = treatments.filter(conditions=condition)
        treatments = list(treatments)
        groups = {}
        for treatment in treatments:
            groups.setdefault(treatment.category, []).append(treatment)

        def order(category):
            return (1, 0, "") if category is None else (0, category.sort_order, category.name)

        return [(cat, groups[cat]) for cat in sorted(groups, key=order)]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        treatments = self.get_treatments()
        filters = self.get_filters(request, treatments)
        context.update(filters)
        context["is_filtered"] = bool(filters["category"] or filters["condition"])
        context["groups"] = self.get_groups(treatments, filters["category"], filters["condition"])
        return context

    @property
    def api_groups(self):
        """Every live treatment here, grouped as the page shows them unfiltered."""
        return self.get_groups(self.get_treatments())

    def get_shown_questions(self, request=None):
        return faq_items_in(self.body)

    def get_json_ld(self, request=None):
        objects = [seo.web_page(self, request, type_="CollectionPage")]
        faq = faq_page_json_ld(self.get_shown_questions(request), self)
        if faq:
            objects.append(faq)
        objects.append(seo.breadcrumb_list([*self.get_breadcrumbs(), self], request))
        return objects
