"""
The terms treatments are filed under: the category a treatment is listed in on
the treatments page, and the conditions it helps with (patients filter by both).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from clinic_site.models import AbstractTerm, term_panels


class TreatmentCategory(index.Indexed, AbstractTerm):
    """A group of treatments on the treatments page, e.g. 'Neurotoxins' or 'Fillers'."""

    sort_order = models.PositiveSmallIntegerField(
        _("position"),
        default=0,
        help_text=_("Categories with lower numbers are listed first."),
    )

    panels = [
        *term_panels(
            name_help=_("Shown as a heading on the treatments page, e.g. 'Fillers'."),
            slug_help=_(
                "Used in the address when patients filter by this category, e.g. 'fillers'."
            ),
            description_help=_("Optional. One or two sentences shown under the heading."),
        ),
        FieldPanel("sort_order"),
    ]

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(AbstractTerm.Meta):
        verbose_name = _("treatment category")
        verbose_name_plural = _("treatment categories")
        ordering = ["sort_order", "name"]


class Condition(index.Indexed, AbstractTerm):
    """What a patient wants treated, e.g. 'Chronic migraine'; treatments list the ones they help."""

    # Longer than a category's: conditions are named as patients would say them.
    name = models.CharField(
        _("name"),
        max_length=120,
        unique=True,
        help_text=_("As patients would say it, e.g. 'Chronic migraine' or 'Frown lines'."),
    )
    slug = models.SlugField(
        _("web address name"),
        max_length=120,
        unique=True,
        allow_unicode=True,
        help_text=_("Used in the address when patients filter by this condition."),
    )

    panels = term_panels(
        description_help=_("Optional. A sentence explaining the condition in plain words.")
    )

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(AbstractTerm.Meta):
        verbose_name = _("condition")
        verbose_name_plural = _("conditions")
