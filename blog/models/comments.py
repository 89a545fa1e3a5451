"""Readers' comments on articles, shown only once staff approve them."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.api import APIField


class BlogComment(models.Model):
    """
    A reader's comment. Stored as pending and shown only once staff approve it;
    the e-mail address is for staff only and the IP address is kept only as a hash
    (for rate limiting and spotting repeat spam), never in the clear.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        SPAM = "spam", _("Spam")

    post = models.ForeignKey(
        "blog.BlogPostPage",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="comments",
    )
    name = models.CharField(
        _("name"), max_length=80, help_text=_("The name the reader gave; shown with the comment.")
    )
    email = models.EmailField(
        _("e-mail address"), help_text=_("Never shown on the site; for the clinic only.")
    )
    body = models.TextField(
        _("comment"),
        max_length=3000,
        help_text=_("What the reader wrote. You may correct a typo or remove personal details."),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.PENDING,
        db_index=True,
        help_text=_("Only approved comments are shown on the article."),
    )
    created_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    ip_hash = models.CharField(_("IP address (hashed)"), max_length=64, blank=True, editable=False)

    panels = [
        FieldPanel("status"),
        FieldRowPanel([FieldPanel("name", read_only=True), FieldPanel("email", read_only=True)]),
        FieldPanel("body"),
    ]

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["post", "status", "created_at"])]

    # Public parts only: the e-mail and IP hash never leave the admin.
    api_fields = [APIField("name"), APIField("body"), APIField("created_at")]

    def __str__(self):
        return _("%(name)s on “%(post)s”") % {"name": self.name, "post": self.post.title}

    @property
    def excerpt(self):
        return self.body if len(self.body) <= 80 else self.body[:79] + "…"


def with_comment_counts(posts):
    """
    Set `approved_comment_count` on each of `posts` (a page of a listing) in one
    query over their comments only, rather than counting over every article.
    """
    counts = dict(
        BlogComment.objects.filter(
            post_id__in=[post.pk for post in posts], status=BlogComment.Status.APPROVED
        )
        .order_by()
        .values_list("post_id")
        .annotate(total=models.Count("pk"))
    )
    for post in posts:
        post.approved_comment_count = counts.get(post.pk, 0)
    return posts
