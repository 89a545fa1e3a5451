"""
What articles are filed under: categories (each with its own list of articles)
and tags, which are shared with the rest of the site.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase

from clinic_site.models import AbstractTerm, term_panels


class BlogCategory(AbstractTerm):
    """A broad subject articles are filed under, with its own list at /category/<slug>/."""

    panels = term_panels(
        name_help=_("Shown on articles and as the heading of the category's list, e.g. 'Skin'."),
        slug_help=_("The last part of the category's web address, e.g. 'skin'."),
        description_help=_(
            "Optional. One or two sentences shown at the top of the category's list."
        ),
    )

    class Meta(AbstractTerm.Meta):
        verbose_name = _("blog category")
        verbose_name_plural = _("blog categories")


class BlogPostTag(TaggedItemBase):
    """Links a tag to an article; tags themselves are shared with the rest of the site."""

    content_object = ParentalKey(
        "blog.BlogPostPage", on_delete=models.CASCADE, related_name="tagged_items"
    )

    class Meta:
        # A long tag's list checks each article, newest first, for this link.
        indexes = [models.Index(fields=["content_object", "tag"], name="blog_posttag_post_tag")]
