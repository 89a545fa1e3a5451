"""
The consultation requests viewset: the listing (filters, bulk actions, exports)
and each request's own page, for staff with the permission only. Registered in
`wagtail_hooks.py`.
"""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet

from . import get_request_model
from .filters import ConsultationRequestFilterSet
from .listing import ConsultationRequestIndexView, FollowUpColumn, notification_display
from .permissions import staff_only
from .request_page import ConsultationRequestInspectView, EditRedirectView
from .triage import user_display

# Columns left out of the listing on a phone (see css/admin.css).
OPTIONAL = "consult-col-optional"


class ConsultationRequestViewSet(ModelViewSet):
    model = get_request_model()
    icon = "mail"
    # Short enough for the admin's menu without wrapping.
    menu_label = _("Consultations")
    menu_order = 250
    add_to_admin_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False
    index_view_class = ConsultationRequestIndexView
    index_template_name = "consultations/admin/index.html"
    inspect_view_class = ConsultationRequestInspectView
    filterset_class = ConsultationRequestFilterSet
    # Requests are never in Wagtail's search index, and these columns are
    # encrypted: the index view looks queries up in their blind index.
    search_fields = ["name", "email", "phone"]
    search_backend_name = None
    list_per_page = 25
    list_display = [
        "name",
        Column("reference", label=_("Reference")),
        Column("status", label=_("Status"), accessor="get_status_display", sort_key="status"),
        Column(
            "treatment_title",
            label=_("Treatment"),
            accessor="treatment_display",
            classname=OPTIONAL,
        ),
        FollowUpColumn("follow_up_on", label=_("Follow up"), sort_key="follow_up_on"),
        Column(
            "assignee",
            label=_("Assigned to"),
            accessor=lambda request: user_display(request.assignee),
            classname=OPTIONAL,
        ),
        Column(
            "consultation_type",
            label=_("Type"),
            accessor="get_consultation_type_display",
            sort_key="consultation_type",
            classname=OPTIONAL,
        ),
        Column(
            "notification_status",
            label=_("Notification"),
            accessor=notification_display,
            classname=OPTIONAL,
        ),
        DateColumn("created_at", label=_("Received"), sort_key="created_at"),
    ]
    # The message and staff notes stay in the admin: an exported file travels
    # further than the admin does. Extra questions' answers are added, one
    # column each, by the export itself (`exports.py`).
    list_export = [
        "reference",
        "created_at",
        "status",
        "name",
        "email",
        "phone",
        "preferred_contact",
        "treatment_display",
        "consultation_type",
        "location_display",
        "preferred_days_display",
        "preferred_times_display",
        "patient_status",
        "heard_about",
        "marketing_opt_in",
        "confirmed_minimum_age",
        "assignee",
        "follow_up_on",
        "consent_version",
        "consent_given_at",
        "referrer_path",
        "utm_source",
        "utm_medium",
        "utm_campaign",
    ]
    export_filename = "consultation-requests"
    # Not an editing form: the request's page changes these (`triage.py`).
    form_fields = ["status", "assignee", "follow_up_on"]
    inspect_view_fields = [
        "reference",
        "created_at",
        "name",
        "email",
        "phone",
        "preferred_contact",
        "treatment",
        "consultation_type",
        "location",
        "preferred_days",
        "preferred_times",
        "patient_status",
        "heard_about",
        "message",
        "confirmed_minimum_age",
        "marketing_opt_in",
        "consent_text",
        "consent_version",
        "consent_given_at",
        "page",
        "referrer_path",
        "utm_source",
        "utm_medium",
        "utm_campaign",
        "utm_term",
        "utm_content",
    ]

    @property
    def edit_view(self):
        return EditRedirectView.as_view(pattern_name=self.get_url_name("inspect"))

    def get_common_view_kwargs(self, **kwargs):
        # Requests come from patients only: there is no "add" view to link to.
        return super().get_common_view_kwargs(**{"add_url_name": None, **kwargs})

    def get_urlpatterns(self):
        urlpatterns = [url for url in super().get_urlpatterns() if url.name != "add"]
        for url in urlpatterns:
            url.callback = staff_only(url.callback)
        return urlpatterns
