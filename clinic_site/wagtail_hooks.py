"""
Admin wiring of the shared core: the author and specialty snippets, the clinical review's
publishing doors, the medical review report and the reviewers' dashboard queue, webhook
deliveries, locked sign-ins, patient authorizations and patients' reviews.
"""

from django.apps import apps
from django.contrib import messages
from django.contrib.admin.utils import quote
from django.contrib.contenttypes.models import ContentType
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Page, WorkflowMixin
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import get_author_model, review, withdrawal
from .dashboard import ReviewQueuePanel, is_clinical_reviewer
from .lockouts import LockedSignInsView, unlock
from .models import (
    MedicalReviewMixin,
    SearchSynonym,
    Specialty,
    Testimonial,
    WebhookDelivery,
)
from .reports import ContentDueForReviewView, can_open_report
from .viewsets import PatientAuthorizationViewSet

# The clinical review ---------------------------------------------------------
# One rule (`review.review_pending`) asked at every door: the publish buttons are
# hidden, what the form is about to publish is checked, and an administrator's
# publishing past the review is written in the page's history.


def _refuse_or_log(request, obj):
    """None to let `obj` be published; a response that keeps it a draft otherwise."""
    if not review.review_pending(obj):
        return None
    if request.user.is_superuser:
        review.log_bypass(obj, request.user)
        return None
    messages.error(request, review.publish_refused_message())
    if isinstance(obj, Page):
        return redirect("wagtailadmin_pages:edit", obj.pk)
    viewset = getattr(obj, "snippet_viewset", None)
    if viewset is not None and obj.pk is not None:
        return redirect(viewset.get_url_name("edit"), quote(obj.pk))
    return redirect(request.get_full_path())


@hooks.register("before_publish_page")
def keep_unreviewed_health_pages_as_drafts(request, page):
    return _refuse_or_log(request, page)


@hooks.register("after_edit_page")
def explain_a_publish_saved_as_draft(request, page):
    # Wagtail saves a draft when "Publish" is asked for without the right to publish.
    if "action-publish" in request.POST and not request.user.is_superuser:
        if review.review_pending(page):
            messages.error(request, review.publish_refused_message())


@hooks.register("before_publish")
def keep_unreviewed_snippets_as_drafts(request, obj):
    return _refuse_or_log(request, obj)


@hooks.register("before_bulk_action")
def keep_unreviewed_pages_out_of_bulk_publish(request, action_type, objects, action):
    if action_type != "publish" or not issubclass(action.model, Page):
        return None
    pending = []
    for page in objects:
        specific = page.specific
        latest = specific.get_latest_revision_as_object()  # what bulk publishing publishes
        if isinstance(latest, MedicalReviewMixin) and review.review_pending(latest):
            pending.append(latest)
    if not pending:
        return None
    if request.user.is_superuser:
        for page in pending:
            review.log_bypass(page, request.user)
        return None
    messages.error(
        request,
        _("Not published: %(titles)s need a clinical review first. %(advice)s")
        % {
            "titles": ", ".join(page.get_admin_display_title() for page in pending),
            "advice": _("Open each and choose \u201cSubmit to Clinical review\u201d."),
        },
    )
    return redirect(action.next_url or reverse("wagtailadmin_explore_root"))


def _is_health_page_model(request, context):
    if context["view"] == "create":
        kwargs = request.resolver_match.kwargs if request.resolver_match else {}
        try:
            content_type = ContentType.objects.get_by_natural_key(
                kwargs["content_type_app_name"], kwargs["content_type_model_name"]
            )
        except (KeyError, ContentType.DoesNotExist):
            return False
        return issubclass(content_type.model_class() or object, MedicalReviewMixin)
    return isinstance(context.get("page"), MedicalReviewMixin)


@hooks.register("construct_page_action_menu")
def offer_health_pages_for_review(menu_items, request, context):
    """
    On a health page, only administrators see "Publish"; everyone else submits it
    to the clinical review. A new article whose section's workflow has no clinical
    review step is saved as a draft first, then submitted from its edit form.
    """
    if not _is_health_page_model(request, context):
        return
    hidden = set()
    if not request.user.is_superuser:
        hidden.add("action-publish")
    if context["view"] == "create" and not review.has_clinical_review(
        context["parent_page"].get_workflow()
    ):
        hidden.add("action-submit")
    menu_items[:] = [item for item in menu_items if item.name not in hidden]


@hooks.register("construct_snippet_action_menu")
def offer_snippets_for_review(menu_items, request, context):
    """A snippet under the clinical review is published by approving it, not directly."""
    if request.user.is_superuser:
        return
    model = context.get("model")
    if not issubclass(model, WorkflowMixin):
        return
    instance = context.get("instance")
    if instance is not None and instance.pk:
        workflow = instance.get_workflow()
    else:
        workflow = model.get_default_workflow()
    if review.has_clinical_review(workflow):
        menu_items[:] = [item for item in menu_items if item.name != "action-publish"]


@hooks.register("register_log_actions")
def register_review_log_actions(actions):
    actions.register_action(
        review.BYPASS_ACTION,
        _("Publish without clinical review"),
        _("Published by an administrator without a clinical review"),
    )


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


class SpecialtyViewSet(SnippetViewSet):
    """Specialties clinicians are listed under, beside the authors in the Snippets menu."""

    model = Specialty
    icon = "user"
    menu_label = _("Specialties")
    list_display = ["name", "slug"]
    search_fields = ["name"]


register_snippet(SpecialtyViewSet)


class SearchSynonymViewSet(SnippetViewSet):
    """
    Words patients use for the same thing, under Settings beside the promoted
    search results: both tune what the site search finds.
    """

    model = SearchSynonym
    icon = "search"
    menu_label = _("Search synonyms")
    add_to_settings_menu = True
    menu_order = 901
    list_display = ["words", "note"]
    search_fields = ["words", "note"]


register_snippet(SearchSynonymViewSet)


class ReviewReportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_open_report(request.user)


@hooks.register("register_reports_menu_item")
def register_review_report_menu_item():
    return ReviewReportMenuItem(
        _("Due for medical review"),
        reverse("clinic_review_due"),
        name="medical-review-due",
        icon_name="time",
        order=1150,
    )


@hooks.register("construct_homepage_panels")
def add_review_queue_panel(request, panels):
    if is_clinical_reviewer(request.user):
        panels.append(ReviewQueuePanel(request))


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


# Patient authorizations and reviews -------------------------------------------


@hooks.register("register_admin_viewset")
def register_patient_authorizations():
    return PatientAuthorizationViewSet()


@hooks.register("register_log_actions")
def register_authorization_log_actions(actions):
    actions.register_action(
        withdrawal.WITHDRAW_ACTION,
        _("Withdraw authorization"),
        _("Authorization withdrawn: everything linked to it taken down"),
    )


class TestimonialViewSet(SnippetViewSet):
    """Patients' reviews, kept by marketing editors; each names its authorization's reference."""

    model = Testimonial
    icon = "openquote"
    menu_label = _("Patient reviews")
    list_display = [
        "__str__",
        "shown_name",
        DateColumn("given_on", label=_("Date")),
        Column("source", label=_("Source"), accessor="get_source_display"),
        BooleanColumn("is_authorized", label=_("Shown")),
    ]
    list_filter = ["source", "on_home_page"]
    search_fields = ["quote", "shown_name"]
    search_backend_name = None

    def get_queryset(self, request):
        """Each row's authorization (its 'Shown' column) in the listing's one query."""
        return Testimonial.objects.select_related("authorization")


register_snippet(TestimonialViewSet)
