"""
Bulk actions on the requests listing: tick requests, then change their status
or assign them to someone in one go. Built on Wagtail's bulk actions (the
checkboxes, the footer and the confirmation page); the changes themselves and
their audit entries are `triage.bulk_update()`'s. Registered in `wagtail_hooks.py`.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_list_or_404
from django.utils.functional import classproperty
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.defaults import permission_denied

from wagtail.admin.views.bulk_action import BulkAction

from . import get_request_model
from .choices import Status
from .permissions import can_change_requests
from .triage import AssignForm, StatusForm, bulk_update, user_display


class RequestBulkAction(BulkAction):
    template_name = "consultations/admin/bulk_confirm.html"

    @classproperty
    def models(cls):
        return [get_request_model()]

    def dispatch(self, request, *args, **kwargs):
        # 403 before anything is looked up, as on every other request view.
        if not can_change_requests(request.user):
            return permission_denied(request, PermissionDenied())
        return super().dispatch(request, *args, **kwargs)

    @classmethod
    def get_queryset(cls, model, object_ids):
        # "Select all" is not offered (the list hides spam and is filtered), so ids only.
        ids = [object_id for object_id in object_ids if str(object_id).isdigit()]
        return get_list_or_404(model.objects.order_by("-created_at"), pk__in=ids)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "header_icon": "mail", "action": self}

    def get_execution_context(self):
        return {"user": self.request.user, **self.cleaned_form.cleaned_data}


class SetStatusBulkAction(RequestBulkAction):
    display_name = _("Change status")
    action_type = "set_status"
    aria_label = _("Change the status of the selected requests")
    action_priority = 10
    form_class = StatusForm
    confirm_label = _("Change status")

    @classmethod
    def execute_action(cls, objects, user=None, status=None, **kwargs):
        return bulk_update([request.pk for request in objects], user, status=status), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        status = str(Status(self.cleaned_form.cleaned_data["status"]).label).lower()
        return ngettext(
            "%(count)d request marked %(status)s.",
            "%(count)d requests marked %(status)s.",
            num_parent_objects,
        ) % {"count": num_parent_objects, "status": status}


class AssignBulkAction(RequestBulkAction):
    display_name = _("Assign")
    action_type = "assign"
    aria_label = _("Assign the selected requests to someone")
    action_priority = 20
    form_class = AssignForm
    confirm_label = _("Assign")

    @classmethod
    def execute_action(cls, objects, user=None, assignee=None, **kwargs):
        return bulk_update([request.pk for request in objects], user, assignee=assignee), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        assignee = self.cleaned_form.cleaned_data["assignee"]
        if assignee is None:
            return ngettext(
                "%(count)d request unassigned.",
                "%(count)d requests unassigned.",
                num_parent_objects,
            ) % {"count": num_parent_objects}
        return ngettext(
            "%(count)d request assigned to %(name)s.",
            "%(count)d requests assigned to %(name)s.",
            num_parent_objects,
        ) % {"count": num_parent_objects, "name": user_display(assignee)}
