"""
Readers' comments on an article: the approved ones it shows, the form readers use (a hook a
project overrides) and the routes the form posts to.

A mixin of `BlogPostPage`, which routes (`RoutablePageMixin`) and has `comments_enabled`.
"""

from django.shortcuts import redirect
from django.utils.module_loading import import_string

from wagtail.contrib.routable_page.models import path

from clinic_site import form_tokens

from .. import conf
from .comments import BlogComment


class CommentsMixin:
    """Comments for an article page."""

    @property
    def approved_comments(self):
        """Approved comments, oldest first."""
        return self.linked["comments"]

    @property
    def approved_comment_total(self):
        return len(self.approved_comments)

    def get_approved_comments(self):
        if self.pk is None:  # a new article in preview has none yet
            return BlogComment.objects.none()
        return self.comments.filter(status=BlogComment.Status.APPROVED).order_by("created_at")

    def get_comment_form_class(self):
        """
        The form readers comment with, as `wagtail.contrib.forms`' `get_form_class()`:
        the class `BLOG_COMMENT_FORM` names (by default `blog.forms.CommentForm`).
        A project changes it for every article with the setting, or per page type
        by overriding this method; either way it must subclass `CommentForm`, which
        keeps the honeypot, the cleaning of control characters and the fields
        stored. docs/install.md has an example.
        """
        return import_string(conf.get("BLOG_COMMENT_FORM"))

    @path("comment/", name="comment")
    def comment_route(self, request):
        from ..views import post_comment

        if request.method != "POST":
            return redirect(self.url)
        return post_comment(request, self)

    @path("form-tokens/", name="form_tokens")
    def form_tokens_route(self, request):
        """This reader's CSRF token for the comment form of a cached copy of the article."""
        return form_tokens.tokens(request)

    def serve_csrf_failure(self, request, view=None, args=None, kwargs=None):
        """
        A comment sent without a valid CSRF token (see `clinic_site.views.csrf_failure`):
        the article again with the reader's comment in the form and a fresh token.
        """
        if getattr(view, "__name__", "") != "comment_route" or not self.comments_enabled:
            return None
        from ..views import comment_needs_resending

        return comment_needs_resending(request, self)
