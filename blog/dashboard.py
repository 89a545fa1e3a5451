"""The dashboard's count of comments waiting for a moderator."""

from django.urls import reverse

from wagtail.admin.site_summary import SummaryItem

from .models import BlogComment


class PendingCommentsSummaryItem(SummaryItem):
    """
    "N comments to moderate" in the dashboard's summary, linking to the pending
    comments. Readers wait for approval, so moderators should see the queue the
    moment they sign in; only users who may moderate see it.
    """

    order = 400
    template_name = "blog/admin/pending_comments_summary.html"

    def __init__(self, request, permission_policy):
        super().__init__(request)
        self.permission_policy = permission_policy

    def is_shown(self):
        return self.permission_policy.user_has_permission(self.request.user, "change")

    def get_context_data(self, parent_context):
        listing = reverse("wagtailsnippets_blog_blogcomment:list")
        return {
            "pending_count": BlogComment.objects.filter(status=BlogComment.Status.PENDING).count(),
            "pending_url": f"{listing}?status={BlogComment.Status.PENDING}",
        }
