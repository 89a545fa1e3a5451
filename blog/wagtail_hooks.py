"""
Admin wiring: the blog categories snippet, the "Comments" moderation listing and
the dashboard's count of comments to moderate.

Moderating comments needs the comment model's *change* permission: without it a
user sees no "Comments" menu item and gets 403 from the listing, the snippet
chooser and the approve / reject / spam actions. Comments reach the admin only
from readers, so nobody can add one there.
"""

from django.core.exceptions import PermissionDenied
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
    SnippetChosenView,
    SnippetCreateView,
)
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from .dashboard import PendingCommentsSummaryItem
from .models import BlogCategory, BlogComment


class CommentPermissionPolicy(ModelPermissionPolicy):
    """The model's permissions, except that comments are never added in the admin."""

    def user_has_permission(self, user, action):
        if action == "add":
            return False
        return super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a != "add"])


comment_permission_policy = CommentPermissionPolicy(BlogComment)
register_permission_policy(BlogComment, comment_permission_policy, exact_class=True)


class CommentIndexView(IndexView):
    # Seeing readers' names and e-mail addresses is part of moderating them.
    any_permission_required = ["change"]

    @cached_property
    def columns(self):
        # The comment's opening words (the title column) link to the whole comment,
        # where it is read in full and approved, rejected or marked as spam.
        columns = super().columns
        for column in columns:
            if column.name == "excerpt":
                column.label = _("Comment")
        return columns


class ModeratorsOnlyMixin:
    """
    The snippet chooser lists pending comments with readers' names, e-mail
    addresses and text, so, like the listing, it is for moderators only.
    """

    def dispatch(self, request, *args, **kwargs):
        if not comment_permission_policy.user_has_permission(request.user, "change"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class CommentChooseView(ModeratorsOnlyMixin, ChooseView):
    pass


class CommentChooseResultsView(ModeratorsOnlyMixin, ChooseResultsView):
    pass


class CommentChosenView(ModeratorsOnlyMixin, SnippetChosenView):
    pass


class CommentChosenMultipleView(ModeratorsOnlyMixin, SnippetChosenMultipleView):
    pass


class CommentCreateView(ModeratorsOnlyMixin, SnippetCreateView):
    pass


class CommentChooserViewSet(SnippetChooserViewSet):
    choose_view_class = CommentChooseView
    choose_results_view_class = CommentChooseResultsView
    chosen_view_class = CommentChosenView
    chosen_multiple_view_class = CommentChosenMultipleView
    create_view_class = CommentCreateView


class CommentFilterSet(WagtailFilterSet):
    class Meta:
        model = BlogComment
        fields = ["status", "post"]


class BlogCommentViewSet(SnippetViewSet):
    model = BlogComment
    icon = "comment"
    menu_label = _("Comments")
    menu_order = 250
    add_to_admin_menu = True
    index_view_class = CommentIndexView
    chooser_viewset_class = CommentChooserViewSet
    filterset_class = CommentFilterSet
    list_display = [
        "excerpt",
        Column("name", label=_("Name")),
        Column("post", label=_("Article")),
        StatusTagColumn(
            "get_status_display",
            label=_("Status"),
            primary=lambda comment: comment.status == BlogComment.Status.APPROVED,
        ),
        DateColumn("created_at", label=_("Received")),
    ]
    list_per_page = 50
    ordering = ["-created_at"]
    # Searched in the database: comments are kept out of the site's search index.
    search_fields = ["name", "email", "body"]
    search_backend_name = None
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = ["post", "name", "email", "body", "status", "created_at"]

    def get_queryset(self, request):
        return BlogComment.objects.select_related("post")


class ModerateCommentsBulkAction(SnippetBulkAction):
    """Sets the status of the selected comments; subclasses name the status."""

    models = [BlogComment]
    template_name = "blog/admin/confirm_bulk_moderate.html"
    new_status = None

    def dispatch(self, request, *args, **kwargs):
        if not self.permission_policy.user_has_permission(request.user, "change"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def check_perm(self, obj):
        return self.permission_policy.user_has_permission_for_instance(
            self.request.user, "change", obj
        )

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "action": self}

    @classmethod
    def execute_action(cls, objects, **kwargs):
        ids = [comment.pk for comment in objects]
        return BlogComment.objects.filter(pk__in=ids).update(status=cls.new_status), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d comment marked as %(status)s.",
            "%(count)d comments marked as %(status)s.",
            num_parent_objects,
        ) % {
            "count": num_parent_objects,
            "status": BlogComment.Status(self.new_status).label.lower(),
        }


class ApproveCommentsBulkAction(ModerateCommentsBulkAction):
    display_name = _("Approve")
    action_type = "approve"
    aria_label = _("Approve the selected comments")
    action_priority = 10
    new_status = BlogComment.Status.APPROVED


class RejectCommentsBulkAction(ModerateCommentsBulkAction):
    display_name = _("Reject")
    action_type = "reject"
    aria_label = _("Reject the selected comments")
    action_priority = 20
    new_status = BlogComment.Status.REJECTED


class SpamCommentsBulkAction(ModerateCommentsBulkAction):
    display_name = _("Mark as spam")
    action_type = "spam"
    aria_label = _("Mark the selected comments as spam")
    action_priority = 25
    new_status = BlogComment.Status.SPAM


for action in (ApproveCommentsBulkAction, RejectCommentsBulkAction, SpamCommentsBulkAction):
    hooks.register("register_bulk_action", action)


class BlogCategoryViewSet(SnippetViewSet):
    model = BlogCategory
    icon = "folder-open-inverse"
    list_display = ["name", "slug"]
    search_fields = ["name"]
    search_backend_name = None


register_snippet(BlogCategoryViewSet)
register_snippet(BlogCommentViewSet)


@hooks.register("construct_homepage_summary_items")
def add_pending_comments_summary_item(request, summary_items):
    summary_items.append(PendingCommentsSummaryItem(request, comment_permission_policy))
