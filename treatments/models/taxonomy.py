"""
The terms treatments are filed under: the category a treatment is listed in on
the treatments page, and the conditions it helps with (patients filter by both).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.api import APIField
from wagtail.search import index


class TreatmentCategory(index.Indexed, models.Model):
    """A group of treatments on the treatments page, e.g. 'Neurotoxins' or 'Fillers'."""

    name = models.CharField(
        _("name"),
        max_length=80,
        unique=True,
        help_text=_("Shown as a heading on the treatments page, e.g. 'Fillers'."),
    )
    slug = models.SlugField(
        _("web address name"),
        max_length=80,
        unique=True,
        allow_unicode=True,
        help_text=_("Used in the address when patients filter by this category, e.g. 'fillers'."),
    )
    description = models.TextField(
        _("description"),
        blank=True,
        max_length=400,
        help_text=_("Optional. One or two sentences shown under the heading."),
    )
    sort_order = models.PositiveSmallIntegerField(
        _("position"),
        default=0,
        help_text=_("Categories with lower numbers are listed first."),
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    api_fields = [APIField("name"), APIField("slug"), APIField("description")]

    class Meta:
        verbose_name = _("treatment category")
        verbose_name_plural = _("treatment categories")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class Condition(index.Indexed, models.Model):
    """What a patient wants treated, e.g. 'Chronic migraine'; treatments list the ones they help."""

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
    description = models.TextField(
        _("description"),
        blank=True,
        max_length=400,
        help_text=_("Optional. A sentence explaining the condition in plain words."),
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]),
        FieldPanel("description"),
    ]

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    api_fields = [APIField("name"), APIField("slug"), APIField("description")]

    class Meta:
        verbose_name = _("condition")
        verbose_name_plural = _("conditions")
        ordering = ["name"]

    def __str__(self):
        return self.name
