"""
What articles are filed under: categories (each with its own list of articles)
and tags, which are shared with the rest of the site.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.api import APIField


class BlogCategory(models.Model):
    """A broad subject articles are filed under, with its own list at /category/<slug>/."""

    name = models.CharField(
        _("name"),
        max_length=80,
        unique=True,
        help_text=_("Shown on articles and as the heading of the category's list, e.g. 'Skin'."),
    )
    slug = models.SlugField(
        _("web address name"),
        max_length=80,
        unique=True,
        allow_unicode=True,
        help_text=_("The last part of the category's web address, e.g. 'skin'."),
    )
    description = models.TextField(
        _("description"),
        blank=True,
        max_length=400,
        help_text=_("Optional. One or two sentences shown at the top of the category's list."),
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]),
        FieldPanel("description"),
    ]

    api_fields = [APIField("name"), APIField("slug"), APIField("description")]

    class Meta:
        verbose_name = _("blog category")
        verbose_name_plural = _("blog categories")
        ordering = ["name"]

    def __str__(self):
        return self.name


class BlogPostTag(TaggedItemBase):
    """Links a tag to an article; tags themselves are shared with the rest of the site."""

    content_object = ParentalKey(
        "blog.BlogPostPage", on_delete=models.CASCADE, related_name="tagged_items"
    )
