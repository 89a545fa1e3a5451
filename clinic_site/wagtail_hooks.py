"""Admin wiring for the shared core: the "Content due for medical review" report."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permission_policies.pages import PagePermissionPolicy

from .reports import ContentDueForReviewView


class ReviewReportMenuItem(MenuItem):
    def is_shown(self, request):
        return PagePermissionPolicy().user_has_any_permission(
            request.user, ["add", "change", "publish"]
        )


@hooks.register("register_reports_menu_item")
def register_review_report_menu_item():
    return ReviewReportMenuItem(
        _("Due for medical review"),
        reverse("clinic_review_due"),
        name="medical-review-due",
        icon_name="time",
        order=1150,
    )


@hooks.register("register_admin_urls")
def register_review_report_urls():
    return [
        path(
            "reports/medical-review-due/",
            ContentDueForReviewView.as_view(),
            name="clinic_review_due",
        ),
        path(
            "reports/medical-review-due/results/",
            ContentDueForReviewView.as_view(results_only=True),
            name="clinic_review_due_results",
        ),
    ]
