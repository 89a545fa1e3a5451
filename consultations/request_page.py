"""
A request's own page in the admin: everything the patient sent, the consent
record, earlier versions, the e-mails and the history; and the edit view that
changes status and notes, each change written to the audit log.
"""

from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from wagtail.admin.views import generic
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from . import audit, get_request_model
from .notifications import KIND_LABELS, KINDS


def display_answer(value):
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    return "" if value is None else str(value)


class ConsultationRequestInspectView(generic.InspectView):
    template_name = "consultations/admin/inspect.html"

    def get_field_display_value(self, field_name, field):
        """Yes/No for ticks and a dash for empty values, rather than Python's False/None."""
        value = super().get_field_display_value(field_name, field)
        if isinstance(value, bool):
            return _("Yes") if value else _("No")
        if value is None or value == "":
            return "—"
        return value

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        audit.log_viewed(self.object, request.user)
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Changes only: who viewed or exported it is in the audit log report.
        context["history"] = (
            ModelLogEntry.objects.for_instance(self.object)
            .exclude(action__in=audit.ACCESS_ACTIONS)
            .select_related("user")
            .order_by("-timestamp")
        )
        context["extra_answers"] = [
            {"label": answer.get("label", key), "value": display_answer(answer.get("value"))}
            for key, answer in (self.object.extra_answers or {}).items()
        ]
        context["notifications"] = [
            {"label": KIND_LABELS[message.kind], "message": message}
            for message in self.object.outbox_messages.filter(kind__in=KINDS)
        ]
        context["earlier_versions"] = [
            earlier_version(version) for version in reversed(self.object.earlier_versions)
        ]
        return context

    def get_preferred_days_display_value(self):
        return self.object.preferred_days_display

    def get_preferred_times_display_value(self):
        return self.object.preferred_times_display

    def get_treatment_display_value(self):
        return self.object.treatment_display

    def get_page_display_value(self):
        return self.object.page.title if self.object.page else "-"


def earlier_version(version):
    """An earlier version's answers as label/value rows, for the request's page."""
    labels = {
        "name": _("Name"),
        "email": _("E-mail address"),
        "phone": _("Phone number"),
        "preferred_contact": _("Preferred contact method"),
        "treatment_title": _("Treatment"),
        "consultation_type": _("Consultation type"),
        "preferred_days": _("Preferred days"),
        "preferred_times": _("Preferred times"),
        "message": _("Message"),
        "patient_status": _("New or returning"),
        "heard_about": _("Heard about us through"),
        "marketing_opt_in": _("Agreed to marketing"),
    }
    rows = [
        {"label": label, "value": display_answer(version.get(name))}
        for name, label in labels.items()
    ]
    for key, answer in (version.get("extra_answers") or {}).items():
        rows.append(
            {"label": answer.get("label", key), "value": display_answer(answer.get("value"))}
        )
    received = parse_datetime(version.get("received_at") or "")
    return {"received_at": received, "rows": rows}


class ConsultationRequestEditView(generic.EditView):
    """
    Changes status and staff notes, writing each change to the audit log. Only
    the form's own fields are written, so a patient's corrected version stored
    meanwhile is never overwritten.
    """

    def get_success_url(self):
        return self.get_inspect_url() or super().get_success_url()

    def save_instance(self):
        previous = (
            get_request_model().objects.values("status", "staff_notes").get(pk=self.object.pk)
        )
        instance = self.form.save(commit=False)
        instance.save(update_fields=[*self.form.fields, "updated_at"])
        user = self.request.user
        if previous["status"] != instance.status:
            log(
                instance,
                "consultations.status_change",
                user=user,
                data={"from": previous["status"], "to": instance.status},
            )
        if previous["staff_notes"] != instance.staff_notes:
            # The notes themselves stay on the request, not in the log.
            log(instance, "consultations.notes_change", user=user)
        return instance
