"""
The shapes of the consultation endpoints' requests and answers, which the v3
OpenAPI document publishes (`router.py` uses them).
"""

from typing import Any

from ninja import Schema
from pydantic import ConfigDict, Field


class ChoiceOut(Schema):
    value: str
    label: str


class FieldOut(Schema):
    name: str = Field(description="The key to send; extra questions go in `extra`.")
    type: str = Field(
        description="text, textarea, email, tel, url, number, date, datetime, select, radio, "
        "checkbox or checkboxes"
    )
    label: str
    help_text: str
    required: bool
    extra: bool = Field(description="An editor's extra question: send it in `extra`.")
    max_length: int | None
    initial: Any = None
    choices: list[ChoiceOut]


class ConsentOut(Schema):
    text: str = Field(description="The wording the patient agrees to by sending `consent`.")
    version: str = Field(description="Changes whenever the wording changes.")
    marketing_text: str


class FormOut(Schema):
    page: int = Field(description="The consultation page's id; send it back as `page`.")
    title: str
    intro: str
    emergency_notice: str
    submit_label: str
    fields: list[FieldOut]
    consent: ConsentOut
    form_token: str = Field(
        description="Signed; records when the form was shown. Send it back as `form_token`: "
        "a request sent without it, or sooner than a person could fill the form in, is kept "
        "aside for staff instead of being passed on."
    )
    honeypot_field: str = Field(description="Render hidden from people; leave empty.")


class RequestIn(Schema):
    """A consultation request; values are checked exactly as on the HTML form."""

    model_config = ConfigDict(extra="ignore")

    page: int | None = Field(None, description="The consultation page (default: the first).")
    name: str = ""
    email: str = ""
    phone: str = ""
    preferred_contact: str = ""
    treatment: str = Field("", description="A treatment's value from the form's choices.")
    consultation_type: str = ""
    location: str = Field(
        "",
        description="For an in-person consultation, a location's value from the form's "
        "choices; required then when the form lists locations.",
    )
    preferred_days: list[str] = []
    preferred_times: list[str] = []
    message: str = ""
    patient_status: str = ""
    heard_about: str = ""
    consent: bool = False
    age_confirmed: bool = Field(
        False, description="Required when the form asks for a minimum age (see its fields)."
    )
    marketing_opt_in: bool = False
    extra: dict[str, Any] = Field({}, description="Answers to the extra questions, by name.")
    form_token: str = ""
    website: str = Field("", description="The honeypot: always send it empty.")


class CreatedOut(Schema):
    reference: str = Field(
        description="Eight letters and digits, the same the HTML thank-you page shows: "
        "the patient quotes it if they get in touch."
    )


class ErrorsOut(Schema):
    errors: dict[str, list[str]] = Field(description="Messages per field; `__all__` for others.")
    form_token: str | None = Field(
        None,
        description="A fresh form token, when the one sent had expired or had already been "
        "used for another patient's request: send the request again with it.",
    )
