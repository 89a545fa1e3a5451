"""Admin wiring: the requests viewset, its audit log actions and the dashboard panel."""

from django.utils.translation import gettext_lazy as _

from wagtail import hooks

from .admin_views import (
    STAFF_PERMISSIONS,
    ConsultationRequestsPanel,
    ConsultationRequestViewSet,
    StatusChangeFormatter,
    permission_policy,
)


@hooks.register("register_admin_viewset")
def register_consultation_requests():
    return ConsultationRequestViewSet("consultationrequest")


@hooks.register("register_log_actions")
def register_consultation_log_actions(actions):
    actions.register_action("consultations.status_change")(StatusChangeFormatter)
    actions.register_action(
        "consultations.notes_change", _("Update staff notes"), _("Staff notes updated")
    )
    actions.register_action(
        "consultations.resubmitted",
        _("Corrected by the patient"),
        _("The patient sent a corrected version; the earlier one is kept on this page"),
    )


@hooks.register("construct_homepage_panels")
def add_consultation_requests_panel(request, panels):
    if permission_policy.user_has_any_permission(request.user, STAFF_PERMISSIONS):
        panels.append(ConsultationRequestsPanel())
