"""
Admin wiring: the requests viewset, its audit log actions and report, patients'
data requests and the dashboard panel.
"""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import audit, reports, subject_rights
from .dashboard import ConsultationRequestsPanel
from .permissions import can_see_requests
from .viewsets import ConsultationRequestViewSet


@hooks.register("register_admin_viewset")
def register_consultation_requests():
    return ConsultationRequestViewSet("consultationrequest")


@hooks.register("register_log_actions")
def register_consultation_log_actions(actions):
    audit.register_actions(actions)


@hooks.register("construct_homepage_panels")
def add_consultation_requests_panel(request, panels):
    if can_see_requests(request.user):
        panels.append(ConsultationRequestsPanel())


@hooks.register("register_admin_urls")
def register_patient_data_urls():
    return [
        path(
            "consultations/patient-data/",
            subject_rights.PatientDataView.as_view(),
            name="consultations_patient_data",
        ),
        path(
            "consultations/patient-data/export/",
            subject_rights.ExportView.as_view(),
            name="consultations_patient_data_export",
        ),
        path(
            "consultations/patient-data/erase/",
            subject_rights.EraseView.as_view(),
            name="consultations_patient_data_erase",
        ),
        path(
            "reports/consultations-audit-log/",
            reports.ConsultationAuditLogView.as_view(),
            name="consultations_audit_log",
        ),
        path(
            "reports/consultations-audit-log/results/",
            reports.ConsultationAuditLogView.as_view(results_only=True),
            name="consultations_audit_log_results",
        ),
    ]


class PatientDataMenuItem(MenuItem):
    def is_shown(self, request):
        return subject_rights.can_manage_subject_rights(request.user)


class AuditLogMenuItem(MenuItem):
    def is_shown(self, request):
        return reports.can_view_audit_log(request.user)


@hooks.register("register_admin_menu_item")
def register_patient_data_menu_item():
    return PatientDataMenuItem(
        _("Patient data requests"),
        reverse("consultations_patient_data"),
        name="patient-data-requests",
        icon_name="user",
        order=251,
    )


@hooks.register("register_reports_menu_item")
def register_audit_log_menu_item():
    return AuditLogMenuItem(
        _("Consultation requests audit log"),
        reverse("consultations_audit_log"),
        name="consultations-audit-log",
        icon_name="history",
        order=1160,
    )
