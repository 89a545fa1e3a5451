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

from clinic_site.booking import PARAM_LOCATION, PARAM_TREATMENT, PARAM_TYPE
from clinic_site.error_summary import error_summary
from clinic_site.text import CleanTextFormMixin

from . import conf
from .choices import (
    PREFERRED_DAY_CHOICES,
    PREFERRED_TIME_CHOICES,
    ConsultationType,
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

CONTACT_RULE = _("Give an e-mail address or a phone number (or both).")
CONTACT_MARKER = _("(e-mail or phone required)")
CONTACT_FIELDS = ("email", "phone")
# The field each contact method needs, and what the patient is told when it is empty.
CONTACT_NEEDS = {
    ContactMethod.EMAIL: "email",
    ContactMethod.PHONE: "phone",
    ContactMethod.TEXT: "phone",
}
CONTACT_METHOD_ERRORS = {
    ContactMethod.EMAIL: _("You asked us to e-mail you: enter your e-mail address."),
    ContactMethod.PHONE: _("You asked us to call you: enter your phone number."),
    ContactMethod.TEXT: _("You asked us to send a text message: enter your mobile number."),
}


def clean_phone(value, example="07700 900123"):
    """Lenient: digits with the usual separators, 7 to 15 digits in all."""
    value = (value or "").strip()
    if not value:
        return ""
    digits = re.sub(r"\D", "", value)
    if not PHONE_ALLOWED.match(value) or not 7 <= len(digits) <= 15:
        raise forms.ValidationError(
            _("Enter a phone number with 7 to 15 digits, e.g. %(example)s.") % {"example": example},
            code="invalid",
        )
    return value


def with_empty_choice(field):
    """
    A required drop-down starts on "Choose…", so "required" means the patient
    chose; without it the browser shows the first option as if chosen.
    """
    choices = list(field.choices)
    if choices and choices[0][0] != "":
        field.choices = [("", _("Choose…")), *choices]


class ConsultationForm(CleanTextFormMixin, forms.Form):
    """
    The core questions. Subclass and return yours from
    `ConsultationPage.get_form_class()` to change them. Every answer, the extra
    questions' included, is cleaned of control characters before it validates.
    """

    # Said once above the questions, and under the e-mail and phone fields.
    contact_rule = CONTACT_RULE

    sections = [
        (_("About you"), ["name", "email", "phone", "preferred_contact", "patient_status"]),
        (
            _("Your consultation"),
            [
                "treatment",
                "consultation_type",
                "location",
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
        error_messages={"invalid": _("Enter an e-mail address like name@example.com.")},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Phone number"),
        required=False,
        max_length=40,
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
        help_text=_("Choose 'Not sure yet' if you would like advice."),
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
    location = forms.ChoiceField(
        label=_("Which clinic?"),
        required=False,
        help_text=_("Only for a consultation in person: where you would like to come."),
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose one of our clinics from the list.")},
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

    def __init__(self, *args, page, preselect=None, **kwargs):
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
        with_empty_choice(self.fields["treatment"])
        self._set_up_locations(types)
        for name in CONTACT_FIELDS:
            self.fields[name].required_note = CONTACT_MARKER
        self.fields["email"].help_text = CONTACT_RULE
        area_code = _("Include the area code, e.g. %(example)s.") % {"example": page.phone_example}
        self.fields["phone"].help_text = f"{CONTACT_RULE} {area_code}"
        if preselect is not None and not self.is_bound:
            self.initial.update(self.preselection(preselect))
        minimum_age = conf.get("CONSULTATIONS_MINIMUM_AGE")
        if minimum_age:
            self.minimum_age = minimum_age
            self.fields["age_confirmed"] = forms.BooleanField(
                label=_("I am %(age)s or older.") % {"age": minimum_age},
                error_messages={
                    "required": _(
                        "Tick the box to confirm you are %(age)s or older. We can only offer "
                        "these treatments to adults."
                    )
                    % {"age": minimum_age}
                },
            )
        self.fields["consent"].label = page.consent_text
        self.fields["marketing_opt_in"].label = page.marketing_text
        self.extra_field_names = {}
        for name, field in FormBuilder(page.get_extra_form_fields()).formfields.items():
            if field.required and type(field.widget) is forms.Select:
                with_empty_choice(field)
            self.fields[EXTRA_PREFIX + name] = field
            self.extra_field_names[EXTRA_PREFIX + name] = name
        captcha = conf.get("CONSULTATIONS_CAPTCHA_FIELD")
        if captcha:
            self.fields["captcha"] = import_string(captcha)()

    def _set_up_locations(self, types):
        """
        "Which clinic?" for in-person consultations: asked when the clinic has
        more than one location, and left out (the one location is stored) when
        it has one. Without in-person consultations it is never asked.
        """
        offers_in_person = any(value == ConsultationType.IN_PERSON for value, _label in types)
        locations = self.page.get_locations() if offers_in_person else []
        self.locations = {str(location.pk): location for location in locations}
        if len(self.locations) < 2:
            del self.fields["location"]
            return
        self.fields["location"].choices = [
            (pk, location.title) for pk, location in self.locations.items()
        ]

    def preselection(self, query):
        """
        The answers a link to the form chose (docs/consultations.md): a
        treatment by slug or id, the consultation type and a clinic location by
        slug or id. A value the form does not offer is ignored.
        """
        initial = {}
        wanted = str(query.get(PARAM_TREATMENT, "")).strip()
        if wanted:
            for pk, treatment in self.treatments.items():
                if wanted in (pk, treatment.slug):
                    initial["treatment"] = pk
                    break
        wanted_type = str(query.get(PARAM_TYPE, "")).strip().replace("-", "_")
        if wanted_type in dict(self.fields["consultation_type"].choices):
            initial["consultation_type"] = wanted_type
        wanted = str(query.get(PARAM_LOCATION, "")).strip()
        if wanted and "location" in self.fields:
            for pk, location in self.locations.items():
                if wanted in (pk, location.slug):
                    initial["location"] = pk
                    initial.setdefault("consultation_type", ConsultationType.IN_PERSON)
                    break
        return initial

    def get_sections(self):
        """The fields in the groups the page shows, each under a heading."""
        placed = {name for _heading, names in self.sections for name in names}
        closing = ["age_confirmed", "consent", "marketing_opt_in", "captcha"]
        sections = [
            (heading, [self[name] for name in names if name in self.fields])
            for heading, names in self.sections
        ]
        extra = [self[n] for n in self.fields if n not in placed and n not in closing]
        if extra:
            sections.append((_("A few more questions"), extra))
        sections.append((_("Consent"), [self[n] for n in closing if n in self.fields]))
        return sections

    def clean_phone(self):
        return clean_phone(self.cleaned_data.get("phone"), example=self.page.phone_example)

    @property
    def confirmed_minimum_age(self):
        """The age the patient confirmed, or None when the form did not ask."""
        if "age_confirmed" in self.fields and self.cleaned_data.get("age_confirmed"):
            return self.minimum_age
        return None

    def clean(self):
        cleaned = super().clean()
        self._check_contact(cleaned)
        if (
            "location" in self.fields
            and cleaned.get("consultation_type") == ConsultationType.IN_PERSON
            and not cleaned.get("location")
            and "location" not in self.errors
        ):
            self.add_error("location", _("Choose the clinic you would like to come to."))
        return cleaned

    def _check_contact(self, cleaned):
        """
        The contact rules in one pass, each error on the field to fix: an
        e-mail address or a phone number (or both), and the one the chosen
        contact method needs. A field already in error (an address that is
        not one) has its own message; a missing one is still reported now, not
        after the next send.
        """
        given = {name: bool(cleaned.get(name)) or name in self.errors for name in CONTACT_FIELDS}
        needs = CONTACT_NEEDS.get(cleaned.get("preferred_contact"))
        if needs and not given[needs]:
            self.add_error(needs, CONTACT_METHOD_ERRORS[cleaned["preferred_contact"]])
        elif not needs and not any(given.values()):
            self.add_error("email", CONTACT_RULE)
            self.add_error("phone", CONTACT_RULE)

    @property
    def treatment_page(self):
        return self.treatments.get(self.cleaned_data.get("treatment"))

    @property
    def location_page(self):
        """The clinic chosen (or the only one) for an in-person consultation; else None."""
        if self.cleaned_data.get("consultation_type") != ConsultationType.IN_PERSON:
            return None
        if "location" in self.fields:
            return self.locations.get(self.cleaned_data.get("location"))
        return next(iter(self.locations.values()), None)

    def extra_answers(self):
        """Answers to the editor's questions, with the question as it was asked."""
        answers = {}
        for form_name, clean_name in self.extra_field_names.items():
            value = json.loads(json.dumps(self.cleaned_data.get(form_name), cls=DjangoJSONEncoder))
            answers[clean_name] = {"label": str(self.fields[form_name].label), "value": value}
        return answers

    def error_summary(self):
        """Each error with the id of the field it belongs to, for the summary's links."""
        return error_summary(self)
