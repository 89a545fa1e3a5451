"""
Patients' data requests in the admin: find every consultation request a patient
sent (by their e-mail address or phone number, through the blind index), then
export them for the patient (JSON or CSV, everything decrypted) or erase them.

Only staff with `consultations.manage_subject_rights` (superusers have it) get
here; everyone else gets 403. Each step is a POST, so a patient's address never
lands in a URL or a server log; export and erasure each ask for confirmation
and write an audit entry per request. Registered in `wagtail_hooks.py`.
"""

import functools

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.defaults import permission_denied

from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from . import audit, get_request_model, privacy

PERMISSION = "consultations.manage_subject_rights"
EXPORT_FORMATS = [("json", _("JSON (for another system)")), ("csv", _("CSV (for a spreadsheet)"))]


def can_manage_subject_rights(user):
    return user.is_active and user.has_perm(PERMISSION)


def subject_rights_required(view):
    """403 for staff without the permission, before anything is looked up."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if not can_manage_subject_rights(request.user):
            return permission_denied(request, PermissionDenied())
        return view(request, *args, **kwargs)

    return wrapped


class PatientLookupForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        required=False,
        max_length=254,
        help_text=_("The address the patient used on the form, in any case."),
        # Patients' addresses stay out of the browser's form history.
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    phone = forms.CharField(
        label=_("Phone number"),
        required=False,
        max_length=40,
        help_text=_("Written any way: 07700 900123 and +44 7700 900123 are the same number."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "tel"}),
    )

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not (cleaned.get("email") or cleaned.get("phone", "").strip()):
            raise forms.ValidationError(
                _("Enter the patient's e-mail address, phone number, or both.")
            )
        return cleaned

    def matches(self):
        """The patient's requests, newest first."""
        return (
            get_request_model()
            .objects.matching_contact(
                email=self.cleaned_data.get("email", ""), phone=self.cleaned_data.get("phone", "")
            )
            .select_related("page")
            .order_by("-created_at", "-pk")
        )


class SelectionForm(PatientLookupForm):
    """The lookup again, with the requests chosen from its matches (never any others)."""

    requests = forms.TypedMultipleChoiceField(
        label=_("Requests"),
        coerce=int,
        error_messages={"required": _("Choose at least one request.")},
    )
    format = forms.ChoiceField(label=_("File format"), choices=EXPORT_FORMATS, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        lookup = PatientLookupForm(self.data)
        self.found = list(lookup.matches()) if lookup.is_valid() else []
        self.fields["requests"].choices = [(r.pk, r.reference) for r in self.found]

    def chosen(self):
        chosen = set(self.cleaned_data["requests"])
        return [request for request in self.found if request.pk in chosen]


@method_decorator([never_cache, subject_rights_required], name="dispatch")
class PatientDataView(WagtailAdminTemplateMixin, View):
    """Step 1: the lookup form; posted, the patient's requests to choose from."""

    page_title = _("Patient data requests")
    header_icon = "user"
    template_name = "consultations/admin/patient_data.html"

    def get(self, request):
        return self.render(PatientLookupForm())

    def post(self, request):
        form = PatientLookupForm(request.POST)
        found = list(form.matches()) if form.is_valid() else None
        return self.render(form, found=found)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def render(self, form, **context):
        focus_first_field(form)
        # What was looked up, carried to the next step in hidden fields (never in a URL).
        lookup = {name: form.data.get(name, "") for name in ("email", "phone")}
        return self.render_to_response(self.get_context_data(form=form, lookup=lookup, **context))


def focus_first_field(form):
    """
    Start where the person has to act: the e-mail field on an empty form, the
    first field in error after a failed lookup; a list of results keeps the
    page's natural start.
    """
    if form.is_bound and not form.errors:
        return
    lookup_fields = [name for name in ("email", "phone") if name in form.errors] or ["email"]
    if not form.is_bound or set(form.errors) <= {"email", "phone", "__all__"}:
        form.fields[lookup_fields[0]].widget.attrs["autofocus"] = True


@method_decorator([never_cache, subject_rights_required], name="dispatch")
class ConfirmActionView(WagtailAdminTemplateMixin, View):
    """
    Step 2 and 3 of an export or an erasure: posted from the list, a page that
    asks for confirmation; posted again with `confirmed`, the action itself.
    """

    header_icon = "user"
    template_name = "consultations/admin/patient_data_confirm.html"
    action = None

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("consultations_patient_data"), "label": PatientDataView.page_title},
            {"url": "", "label": self.get_page_title()},
        ]

    def post(self, request):
        form = SelectionForm(request.POST)
        if not form.is_valid():
            if form.found:
                # Nothing chosen: back to the list, saying so.
                return self.back(form)
            return redirect("consultations_patient_data")
        chosen = form.chosen()
        if request.POST.get("confirmed") != "yes":
            return self.render_to_response(
                self.get_context_data(
                    form=form, chosen=chosen, action=self.action, formats=EXPORT_FORMATS
                )
            )
        return self.perform(form, chosen)

    def back(self, form):
        view = PatientDataView()
        view.setup(self.request)
        return view.render(form, found=form.found)

    def perform(self, form, chosen):
        raise NotImplementedError


class ExportView(ConfirmActionView):
    page_title = _("Export a patient's requests")
    action = "export"

    def perform(self, form, chosen):
        export_format = form.cleaned_data.get("format") or "json"
        if export_format == "csv":
            body, content_type = privacy.export_csv(chosen), "text/csv; charset=utf-8"
        else:
            body, content_type = privacy.export_json(chosen), "application/json"
        audit.log_each(
            get_request_model(),
            [request.pk for request in chosen],
            audit.SUBJECT_EXPORTED,
            user=self.request.user,
            data={"format": export_format},
        )
        response = HttpResponse(body, content_type=content_type)
        filename = f"patient-data-{timezone.localdate().isoformat()}.{export_format}"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


class EraseView(ConfirmActionView):
    page_title = _("Erase a patient's requests")
    action = "erase"

    def perform(self, form, chosen):
        erased = privacy.erase(chosen, self.request.user)
        messages.success(
            self.request,
            ngettext(
                "%(count)d request erased. The audit log keeps its reference only.",
                "%(count)d requests erased. The audit log keeps their references only.",
                erased,
            )
            % {"count": erased},
        )
        return redirect(reverse("consultations_patient_data"))
