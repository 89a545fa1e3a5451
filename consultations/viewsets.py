"""
The consultation requests viewset: listing, the request's page, the edit view
and the exports, for staff with the permission only. Registered in
`wagtail_hooks.py`.
"""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet

from . import get_request_model
from .filters import ConsultationRequestFilterSet
from .listing import ConsultationRequestIndexView, notification_display
from .permissions import staff_only
from .request_page import ConsultationRequestEditView, ConsultationRequestInspectView


class ConsultationRequestViewSet(ModelViewSet):
    model = get_request_model()
    icon = "mail"
    menu_label = _("Consultation requests")
    menu_order = 250
    add_to_admin_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False
    index_view_class = ConsultationRequestIndexView
    inspect_view_class = ConsultationRequestInspectView
    edit_view_class = ConsultationRequestEditView
    filterset_class = ConsultationRequestFilterSet
    # Requests are never in Wagtail's search index, and these columns are
    # encrypted: the index view looks queries up in their blind index.
    search_fields = ["name", "email", "phone"]
    search_backend_name = None
    list_per_page = 25
    list_display = [
        "name",
        Column("treatment_title", label=_("Treatment"), accessor="treatment_display"),
        Column(
            "consultation_type",
            label=_("Type"),
            accessor="get_consultation_type_display",
            sort_key="consultation_type",
        ),
        Column("status", label=_("Status"), accessor="get_status_display", sort_key="status"),
        Column("notification_status", label=_("Notification"), accessor=notification_display),
        DateColumn("created_at", label=_("Received"), sort_key="created_at"),
    ]
    # The free-text message and staff notes stay in the admin: an exported file
    # travels further than the admin does, so it carries no health details.
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
        "preferred_days_display",
        "preferred_times_display",
        "patient_status",
        "heard_about",
        "marketing_opt_in",
        "consent_version",
        "consent_given_at",
        "referrer_path",
        "utm_source",
        "utm_medium",
        "utm_campaign",
    ]
    export_headings = {
        "reference": _("Reference"),
        "treatment_display": _("Treatment"),
        "preferred_days_display": _("Preferred days"),
        "preferred_times_display": _("Preferred times"),
    }
    export_filename = "consultation-requests"
    panels = [FieldPanel("status"), FieldPanel("staff_notes")]
    inspect_view_fields = [
        "created_at",
        "status",
        "name",
        "email",
        "phone",
        "preferred_contact",
        "treatment",
        "consultation_type",
        "preferred_days",
        "preferred_times",
        "patient_status",
        "heard_about",
        "message",
        "staff_notes",
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

    def get_common_view_kwargs(self, **kwargs):
        # Requests come from patients only: there is no "add" view to link to.
        return super().get_common_view_kwargs(**{"add_url_name": None, **kwargs})

    def get_urlpatterns(self):
        urlpatterns = [url for url in super().get_urlpatterns() if url.name != "add"]
        for url in urlpatterns:
            url.callback = staff_only(url.callback)
        return urlpatterns
