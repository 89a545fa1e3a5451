"""
The consultation form: core questions fixed here, extra questions from the page's
form builder fields. Used by the HTML page and by `services.submit_request()`,
so every front door validates the same way.
"""

import json
import re

from django import forms
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from wagtail.contrib.forms.forms import FormBuilder

from clinic_site.text import CleanTextFormMixin

from . import conf
from .choices import (
    PREFERRED_DAY_CHOICES,
    PREFERRED_TIME_CHOICES,
    ContactMethod,
    HeardAbout,
    PatientStatus,
)

# Names of the fields the template renders outside the form class.
HONEYPOT_FIELD = "website"
TOKEN_FIELD = "form_token"  # noqa: S105 - a field name, not a secret
NOT_SURE = "not-sure"
EXTRA_PREFIX = "extra_"

PHONE_ALLOWED = re.compile(r"^[0-9+()\-.\s/]+$")


def clean_phone(value):
    """Lenient: digits with the usual separators, 7 to 15 digits in all."""
    value = (value or "").strip()
    if not value:
        return ""
    digits = re.sub(r"\D", "", value)
    if not PHONE_ALLOWED.match(value) or not 7 <= len(digits) <= 15:
        raise forms.ValidationError(
            _("Enter a phone number with 7 to 15 digits, e.g. 07700 900123."), code="invalid"
        )
    return value


class ConsultationForm(CleanTextFormMixin, forms.Form):
    """
    The core questions. Subclass and return yours from
    `ConsultationPage.get_form_class()` to change them. Every answer, the extra
    questions' included, is cleaned of control characters before it validates.
    """

    sections = [
        (_("About you"), ["name", "email", "phone", "preferred_contact", "patient_status"]),
        (
            _("Your consultation"),
            [
                "treatment",
                "consultation_type",
                "preferred_days",
                "preferred_times",
                "message",
                "heard_about",
            ],
        ),
    ]

    name = forms.CharField(
        label=_("Your name"),
        max_length=120,
        error_messages={"required": _("Enter your name.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        required=False,
        help_text=_("Give an e-mail address, a phone number, or both."),
        error_messages={"invalid": _("Enter an e-mail address like name@example.com.")},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Phone number"),
        required=False,
        max_length=40,
        help_text=_("Include the area code, e.g. 07700 900123."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    preferred_contact = forms.ChoiceField(
        label=_("How should we contact you?"),
        choices=ContactMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how you would like us to contact you.")},
    )
    treatment = forms.ChoiceField(
        label=_("Treatment you are interested in"),
        initial=NOT_SURE,
        error_messages={
            "required": _("Choose a treatment, or 'Not sure yet'."),
            "invalid_choice": _("Choose a treatment from the list, or 'Not sure yet'."),
        },
    )
    consultation_type = forms.ChoiceField(
        label=_("Type of consultation"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the type of consultation you would like.")},
    )
    preferred_days = forms.MultipleChoiceField(
        label=_("Days that suit you"),
        required=False,
        choices=PREFERRED_DAY_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick any that suit you."),
    )
    preferred_times = forms.MultipleChoiceField(
        label=_("Times that suit you"),
        required=False,
        choices=PREFERRED_TIME_CHOICES,
        widget=forms.CheckboxSelectMultiple,
    )
    message = forms.CharField(
        label=_("Anything you would like us to know"),
        required=False,
        max_length=2000,
        help_text=_(
            "Optional. A sentence or two about what you would like to discuss. Please do not "
            "include detailed medical history; we will ask about it in the consultation."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    patient_status = forms.ChoiceField(
        label=_("Have you been to the clinic before?"),
        choices=PatientStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Tell us whether you have been to the clinic before.")},
    )
    heard_about = forms.ChoiceField(
        label=_("How did you hear about us?"),
        required=False,
        choices=[("", _("Choose one (optional)")), *HeardAbout.choices],
    )
    consent = forms.BooleanField(
        error_messages={"required": _("Tick the box to agree, so that we can reply to you.")},
    )
    marketing_opt_in = forms.BooleanField(required=False)

    def __init__(self, *args, page, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.page = page
        self.treatments = {str(t.pk): t for t in page.get_offered_treatments()}
        self.fields["treatment"].choices = [
            *((pk, t.title) for pk, t in self.treatments.items()),
            (NOT_SURE, _("Not sure yet")),
        ]
        types = page.consultation_type_choices
        self.fields["consultation_type"].choices = types
        if len(types) == 1:
            self.fields["consultation_type"].initial = types[0][0]
        self.fields["consent"].label = page.consent_text
        self.fields["marketing_opt_in"].label = page.marketing_text
        self.extra_field_names = {}
        for name, field in FormBuilder(page.get_extra_form_fields()).formfields.items():
            self.fields[EXTRA_PREFIX + name] = field
            self.extra_field_names[EXTRA_PREFIX + name] = name
        captcha = conf.get("CONSULTATIONS_CAPTCHA_FIELD")
        if captcha:
            self.fields["captcha"] = import_string(captcha)()

    def get_sections(self):
        """The fields in the groups the page shows, each under a heading."""
        placed = {name for _heading, names in self.sections for name in names}
        closing = ["consent", "marketing_opt_in", "captcha"]
        sections = [(heading, [self[name] for name in names]) for heading, names in self.sections]
        extra = [self[n] for n in self.fields if n not in placed and n not in closing]
        if extra:
            sections.append((_("A few more questions"), extra))
        sections.append((_("Consent"), [self[n] for n in closing if n in self.fields]))
        return sections

    def clean_phone(self):
        return clean_phone(self.cleaned_data.get("phone"))

    def clean(self):
        cleaned = super().clean()
        email, phone = cleaned.get("email"), cleaned.get("phone")
        if "email" not in self.errors and "phone" not in self.errors:
            method = cleaned.get("preferred_contact")
            if not email and not phone:
                self.add_error(
                    "email", _("Give an e-mail address or a phone number so that we can reply.")
                )
            elif method == ContactMethod.EMAIL and not email:
                self.add_error("email", _("You asked us to e-mail you: enter your address."))
            elif method in ("phone", "text") and not phone:
                self.add_error("phone", _("You asked us to call or text you: enter your number."))
        return cleaned

    @property
    def treatment_page(self):
        return self.treatments.get(self.cleaned_data.get("treatment"))

    def extra_answers(self):
        """Answers to the editor's questions, with the question as it was asked."""
        answers = {}
        for form_name, clean_name in self.extra_field_names.items():
            value = json.loads(json.dumps(self.cleaned_data.get(form_name), cls=DjangoJSONEncoder))
            answers[clean_name] = {"label": str(self.fields[form_name].label), "value": value}
        return answers

    def error_summary(self):
        """Each error with the id of the field it belongs to, for the summary's links."""
        items = [{"id": "", "message": error} for error in self.non_field_errors()]
        for bound in (self[name] for name in self.fields):
            if not bound.errors:
                continue
            widget = bound.field.widget
            anchor = bound.auto_id
            if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
                anchor = f"{anchor}_0"
            for error in bound.errors:
                items.append({"id": anchor, "message": error})
        return items
