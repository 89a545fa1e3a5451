"""
The shape every category-like snippet shares: a name readers see, the part of
the web address that lists what is filed under it, and an optional description.

Apps subclass `AbstractTerm` (the blog's categories, the treatments' categories
and conditions) and say where their terms show through `term_panels()`, so
editors read help that fits the kind of term in front of them.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.api import APIField


def term_panels(name_help="", slug_help="", description_help=""):
    """
    The editing form of a term, with help texts for this kind of term; a help
    text left empty falls back to the field's own.
    """
    return [
        FieldRowPanel(
            [FieldPanel("name", help_text=name_help), FieldPanel("slug", help_text=slug_help)]
        ),
        FieldPanel("description", help_text=description_help),
    ]


class AbstractTerm(models.Model):
    """A name content is grouped under, with its own address; ordered by name."""

    name = models.CharField(
        _("name"),
        max_length=80,
        unique=True,
        help_text=_("The name readers see, e.g. 'Skin'."),
    )
    slug = models.SlugField(
        _("web address name"),
        max_length=80,
        unique=True,
        allow_unicode=True,
        help_text=_("The part of the web address that names it, e.g. 'skin'."),
    )
    description = models.TextField(
        _("description"),
        blank=True,
        max_length=400,
        help_text=_("Optional. One or two sentences saying what it covers."),
    )

    panels = term_panels()

    api_fields = [APIField("name"), APIField("slug"), APIField("description")]

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name
