"""
Admin wiring of the shared core: the author snippet, the medical review report,
webhook deliveries and locked sign-ins.
"""

from django.apps import apps
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from . import get_author_model
from .lockouts import LockedSignInsView, unlock
from .models import WebhookDelivery
from .reports import ContentDueForReviewView


def register_author_snippet():
    """
    Bylines and reviewers are chosen from the author model in use. A host project
    that registers its own viewset for it (its app listed before `clinic_site`)
    keeps that one.
    """
    author_model = get_author_model()
    if not hasattr(author_model, "snippet_viewset"):
        register_snippet(author_model)


register_author_snippet()


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


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Records written by the system: people may look, never add, edit or delete."""

    def user_has_permission(self, user, action):
        if action != "view":
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return "view" in actions and super().user_has_permission(user, "view")


class WebhookDeliveryViewSet(ModelViewSet):
    """
    Publish webhooks sent to the front end (the outbox's webhook messages): what
    went, what failed and why.
    """

    model = WebhookDelivery
    icon = "resubmit"
    menu_label = _("Webhook deliveries")
    url_prefix = "webhook-deliveries"
    add_to_settings_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["__str__", "status", "attempts", "last_error", "created_at", "sent_at"]
    list_filter = ["status"]
    inspect_view_fields = [
        "url",
        "action",
        "page_id",
        "event",
        "status",
        "attempts",
        "last_error",
        "created_at",
        "next_attempt_at",
        "sent_at",
    ]

    # Never editable (see ReadOnlyPermissionPolicy); Wagtail still wants a form.
    form_fields = ["status"]


register_permission_policy(WebhookDelivery, ReadOnlyPermissionPolicy(WebhookDelivery))


@hooks.register("register_admin_viewset")
def register_webhook_deliveries():
    return WebhookDeliveryViewSet("webhook_deliveries")


class SuperuserMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


def register_locked_sign_ins_menu_item():
    return SuperuserMenuItem(
        _("Locked sign-ins"),
        reverse("clinic_locked_sign_ins"),
        name="locked-sign-ins",
        icon_name="lock",
        order=900,
    )


def register_locked_sign_ins_urls():
    return [
        path("locked-sign-ins/", LockedSignInsView.as_view(), name="clinic_locked_sign_ins"),
        path("locked-sign-ins/unlock/", unlock, name="clinic_unlock_sign_in"),
    ]


# Only where the project limits sign-ins with django-axes (the demo does; see lockouts.py).
if apps.is_installed("axes"):
    hooks.register("register_settings_menu_item", register_locked_sign_ins_menu_item)
    hooks.register("register_admin_urls", register_locked_sign_ins_urls)
