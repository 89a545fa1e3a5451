"""
A request's own page in the admin, where the front desk works on it: how to
reach the patient (tap-to-call and e-mail links), the triage form (status,
assignee, follow-up date, a new note), the notes so far, everything the patient
sent, the consent record, earlier versions, the e-mails and the history.

Staff who may only view requests see the same page without the form. Opening
the page is written to the audit log; the changes are written by `triage.py`.
"""

import re
from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.views.defaults import permission_denied
from django.views.generic import RedirectView

from wagtail.admin.views import generic
from wagtail.models import ModelLogEntry

from . import audit
from .notifications import KIND_LABELS, KINDS
from .permissions import can_change_requests
from .triage import TriageForm, user_display


def display_answer(value):
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    return "" if value is None else str(value)


def phone_href(phone):
    """A tel: link a phone dials: the digits, with a leading + kept."""
    phone = (phone or "").strip()
    digits = re.sub(r"\D", "", phone)
    if not digits:
        return ""
    return f"tel:{'+' if phone.startswith('+') else ''}{digits}"


def email_href(email):
    return f"mailto:{quote(email.strip(), safe='@.+')}" if email else ""


class ConsultationRequestInspectView(generic.InspectView):
    template_name = "consultations/admin/inspect.html"

    def get_page_title(self):
        return str(self.object)

    def get_page_subtitle(self):
        # The patient's name stays out of the browser's title and history.
        return ""

    def get_breadcrumbs_items(self):
        index = {
            "url": reverse(self.index_url_name),
            "label": capfirst(self.model._meta.verbose_name_plural),
        }
        return [*self.breadcrumbs_items, index, {"url": "", "label": self.get_page_title()}]

    def get_edit_url(self):
        # Status, assignee, follow-up and notes are changed on this page itself.
        return None

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

    def post(self, request, *args, **kwargs):
        if not can_change_requests(request.user):
            return permission_denied(request, PermissionDenied())
        form = TriageForm(request.POST, instance=self.object)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(triage_form=form))
        changed = form.save(request.user)
        if changed:
            messages.success(request, _("%(request)s saved.") % {"request": self.object})
        else:
            messages.info(request, _("Nothing changed."))
        return redirect(request.path)

    def get_context_data(self, triage_form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        request = self.object
        if can_change_requests(self.request.user):
            context["triage_form"] = triage_form or TriageForm(instance=request)
        context["contact"] = {
            "phone_href": phone_href(request.phone),
            "email_href": email_href(request.email),
        }
        context["assignee_display"] = user_display(request.assignee)
        context["notes"] = request.notes.select_related("author")
        # Changes only: who viewed or exported it is in the audit log report.
        context["history"] = (
            ModelLogEntry.objects.for_instance(request)
            .exclude(action__in=audit.ACCESS_ACTIONS)
            .select_related("user")
            .order_by("-timestamp")
        )
        context["extra_answers"] = [
            {"label": answer.get("label", key), "value": display_answer(answer.get("value"))}
            for key, answer in (request.extra_answers or {}).items()
        ]
        context["notifications"] = [
            {"label": KIND_LABELS[message.kind], "message": message}
            for message in request.outbox_messages.filter(kind__in=KINDS)
        ]
        context["earlier_versions"] = [
            earlier_version(version) for version in reversed(request.earlier_versions)
        ]
        return context

    def get_preferred_days_display_value(self):
        return self.object.preferred_days_display

    def get_preferred_times_display_value(self):
        return self.object.preferred_times_display

    def get_treatment_display_value(self):
        return self.object.treatment_display

    def get_location_display_value(self):
        return self.object.location_display

    def get_page_display_value(self):
        return self.object.page.title if self.object.page else "-"

    def get_confirmed_minimum_age_display_value(self):
        age = self.object.confirmed_minimum_age
        if age is None:
            return _("Not asked")
        return _("Yes, %(age)s or older") % {"age": age}


def earlier_version(version):
    """An earlier version's answers as label/value rows, for the request's page."""
    labels = {
        "name": _("Name"),
        "email": _("E-mail address"),
        "phone": _("Phone number"),
        "preferred_contact": _("Preferred contact method"),
        "treatment_title": _("Treatment"),
        "consultation_type": _("Consultation type"),
        "location_title": _("Clinic"),
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


class EditRedirectView(RedirectView):
    """
    The request's edit address leads to its page, where status, assignee,
    follow-up and notes are changed: one place to work on a request.
    """

    pattern_name = None
    query_string = False
