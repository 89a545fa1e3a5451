"""
Consultation requests by JSON: a router added to Wagtail's v3 API (see `apps.py`);
its request and response shapes are in `schemas.py`.

`GET /api/v3/consultations/form/` describes the form a front end renders and
gives it a signed form token; `POST /api/v3/consultations/` hands the answers
to `services.submit_request()`, the same code the HTML page uses, so both front
doors share validation, spam protection, rate limits, storage and notifications.

Nothing stored can be read back: there is no GET of requests, the answer to a
POST is the request's short random reference (`references.py`: never its id or
anything the patient wrote), the one the HTML thank-you page shows, and
`ConsultationRequest` has no api_fields.
"""

import json
import re

from django import forms
from django.conf import settings
from django.utils.translation import gettext as _

from ninja import Router, Status
from pydantic import ValidationError
from wagtail.api.v3.auth import AllowAnonymous

from clinic_site.protection import client_ip
from clinic_site.text import clean_json_strings

from ...forms import EXTRA_PREFIX, HONEYPOT_FIELD, TOKEN_FIELD
from ...models import ConsultationPage
from ...services import (
    FormTokenRefused,
    RateLimited,
    SubmissionInvalid,
    SubmissionMeta,
    make_form_token,
    submit_request,
)
from .schemas import ChoiceOut, ConsentOut, CreatedOut, ErrorsOut, FieldOut, FormOut, RequestIn

NON_FIELD = "__all__"

router = Router(tags=["consultations"])


# Page ids are PostgreSQL integers; a larger number (which SQLite cannot even
# compare) is no page rather than a server error.
MAX_PAGE_ID = 2**31 - 1


def consultation_page(page_id=None):
    pages = ConsultationPage.objects.live().public().order_by("path")
    if page_id is not None:
        if not 0 < page_id <= MAX_PAGE_ID:
            return None
        pages = pages.filter(pk=page_id)
    return pages.first()


FIELD_TYPES = [
    (forms.EmailField, "email"),
    (forms.URLField, "url"),
    (forms.DateTimeField, "datetime"),
    (forms.DateField, "date"),
    (forms.IntegerField, "number"),
    (forms.DecimalField, "number"),
    (forms.FloatField, "number"),
    (forms.BooleanField, "checkbox"),
    (forms.MultipleChoiceField, "checkboxes"),
]


def field_type(field):
    widget = field.widget
    for cls, name in FIELD_TYPES:
        if isinstance(field, cls):
            return name
    if isinstance(field, forms.ChoiceField):
        return "radio" if isinstance(widget, forms.RadioSelect) else "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    return getattr(widget, "input_type", None) or "text"


def describe_fields(form):
    described = []
    for name, field in form.fields.items():
        if name in ("consent", "marketing_opt_in", "captcha"):
            continue
        extra = name in form.extra_field_names
        choices = getattr(field, "choices", None) or []
        initial = form.get_initial_for_field(field, name)
        described.append(
            FieldOut(
                name=form.extra_field_names[name] if extra else name,
                type=field_type(field),
                label=str(field.label or ""),
                help_text=str(field.help_text or ""),
                required=field.required,
                extra=extra,
                max_length=getattr(field, "max_length", None),
                initial=initial if isinstance(initial, str | int | bool | list) else None,
                choices=[
                    ChoiceOut(value=str(value), label=str(label))
                    for value, label in choices
                    if value != ""
                ],
            )
        )
    return described


@router.get(
    "/form/",
    response={200: FormOut, 404: ErrorsOut},
    summary="The consultation form, to render it",
    operation_id="consultations_form",
    auth=[AllowAnonymous()],
)
def consultation_form(request, page: int | None = None):
    found = consultation_page(page)
    if found is None:
        return Status(404, {"errors": {NON_FIELD: ["There is no consultation page."]}})
    form = found.get_form()
    return Status(
        200,
        FormOut(
            page=found.pk,
            title=found.title,
            intro=found.intro,
            emergency_notice=found.emergency_notice,
            submit_label=found.submit_label,
            fields=describe_fields(form),
            consent=ConsentOut(
                text=found.consent_text,
                version=found.consent_version,
                marketing_text=found.marketing_text,
            ),
            form_token=make_form_token(),
            honeypot_field=HONEYPOT_FIELD,
        ),
    )


def read_payload(body):
    """
    The body as a `RequestIn`, every string cleaned of control characters and
    lone surrogates (which no database takes). Raises `ValueError` for a body
    that is not JSON or is nested deeper than Python can parse, and pydantic's
    `ValidationError` for values of the wrong type.
    """
    try:
        return RequestIn.model_validate(clean_json_strings(json.loads(body or b"{}")))
    except RecursionError as error:
        raise ValueError("JSON nested too deeply.") from error


def form_data(payload):
    """The JSON as the form's data: the same names the HTML page posts."""
    data = payload.model_dump(exclude={"extra", "page"})
    data["consent"] = "on" if payload.consent else ""
    data["age_confirmed"] = "on" if payload.age_confirmed else ""
    data["marketing_opt_in"] = "on" if payload.marketing_opt_in else ""
    data[HONEYPOT_FIELD] = payload.website
    data[TOKEN_FIELD] = payload.form_token
    for name, value in payload.extra.items():
        data[EXTRA_PREFIX + str(name)] = value
    return data


def is_single_value(value):
    return isinstance(value, str | int | float) and not isinstance(value, bool)


def as_posted(field, value):
    """
    One extra answer as the HTML form would post it for `field`'s type: text
    for a single value (a number becomes its digits), a list of texts for
    ticks, "on" or nothing for a single tick. Raises `ValueError` with the
    message to show when the answer has a shape the question cannot take.
    """
    if isinstance(field, forms.MultipleChoiceField):
        values = value if isinstance(value, list) else [value]
        if not all(is_single_value(item) for item in values):
            raise ValueError(field.error_messages["invalid_list"])
        return [str(item) for item in values]
    if isinstance(field, forms.BooleanField):
        if isinstance(value, bool):
            return "on" if value else ""
        if isinstance(value, str):
            return value
        raise ValueError(_("Answer true or false."))
    if not is_single_value(value):
        message = field.error_messages.get("invalid", "")
        raise ValueError(message if message and "%(" not in message else _("Enter one answer."))
    return str(value)


def check_extra_answers(payload, page):
    """
    Convert the extra answers to what the HTML form posts, by question type,
    so that the form validates them exactly as it validates the page's.
    Returns the errors per answer (empty when every answer has a usable shape).
    """
    if not payload.extra:
        return {}
    fields = page.get_form().fields
    errors = {}
    for name, value in list(payload.extra.items()):
        field = fields.get(EXTRA_PREFIX + name)
        if field is None or value is None:
            continue
        try:
            payload.extra[name] = as_posted(field, value)
        except ValueError as error:
            errors[f"extra.{name}"] = [str(error)]
    return errors


def error_messages(invalid):
    errors = {}
    for name, messages in invalid.errors.items():
        if name.startswith(EXTRA_PREFIX):
            name = f"extra.{name.removeprefix(EXTRA_PREFIX)}"
        errors[name] = [message["message"] for message in messages]
    return errors


@router.post(
    "/",
    response={
        201: CreatedOut,
        403: ErrorsOut,
        404: ErrorsOut,
        415: ErrorsOut,
        422: ErrorsOut,
        429: ErrorsOut,
    },
    summary="Send a consultation request",
    description=(
        "Validated, filtered and stored exactly like the HTML form. Send "
        "`Content-Type: application/json` (415 otherwise). A browser may call it only "
        "from the site itself or an origin in `CORS_ALLOWED_ORIGINS` (403 otherwise). "
        "Send an `Idempotency-Key` header to make retries safe: the same key with the "
        "same request stores one request and returns the same reference; the same key "
        "with a different request answers 422. One form token stores one request: "
        "sending it again with changes from the same patient (same e-mail or phone) "
        "replaces the stored request; a form token older than a day, or already used by "
        "another patient, answers 422 with a fresh `form_token`."
    ),
    operation_id="consultations_create",
    auth=[AllowAnonymous()],
    openapi_extra={
        # The body is read by `read_payload()`, so that every kind of bad input gets
        # the form's own messages; its schema (with the fields the form requires) is
        # added as the document is built, by `describe_request_body()`.
        "requestBody": {"required": True, "content": {"application/json": {"schema": {}}}},
        "parameters": [
            {
                "name": "Idempotency-Key",
                "in": "header",
                "required": False,
                "schema": {"type": "string", "maxLength": 200},
            }
        ],
        # Keyed as django-ninja keys its responses, so the descriptions merge with them.
        "responses": {
            403: {"description": "Sent by a browser from a web site that is not allowed."},
            404: {"description": "There is no such consultation page (`errors.page`)."},
            415: {"description": "The body was not sent as JSON."},
            422: {
                "description": "Not accepted: `errors` holds the messages to show, per field "
                "(`extra.<name>` for the extra questions, `__all__` for the request as a "
                "whole), and `form_token` a fresh token when the one sent was refused."
            },
            429: {"description": "Too many requests from this address: try again later."},
        },
    },
)
def create_request(request):
    refused = refuse_cross_site(request)
    if refused is not None:
        return refused
    # Parsed here rather than by django-ninja so that every kind of bad input
    # gets the same per-field `{"errors": ...}` answer as the form's own checks.
    try:
        payload = read_payload(request.body)
    except (ValueError, ValidationError) as error:
        return Status(422, {"errors": schema_errors(error)})
    page = consultation_page(payload.page)
    if page is None:
        return Status(404, {"errors": {"page": ["There is no such consultation page."]}})
    extra_errors = check_extra_answers(payload, page)
    if extra_errors:
        return Status(422, {"errors": extra_errors})
    meta = SubmissionMeta(
        ip=client_ip(request),
        form_token=payload.form_token,
        idempotency_key=request.headers.get("Idempotency-Key", "")[:200],
    )
    try:
        submission = submit_request(form_data(payload), page=page, meta=meta)
    except RateLimited as limited:
        return Status(429, {"errors": error_messages(limited)})
    except FormTokenRefused as refused:
        errors = error_messages(refused)
        errors["form_token"] = errors.pop(NON_FIELD)
        return Status(422, {"errors": errors, "form_token": refused.fresh_token})
    except SubmissionInvalid as invalid:
        return Status(422, {"errors": error_messages(invalid)})
    return Status(201, {"reference": submission.reference})


def required_fields(page=None):
    """
    The request's fields the form requires, in the request's order, with their
    form fields: the form of `page` (or of a new consultation page) under the
    current settings, so a minimum age adds `age_confirmed` and a page's own
    form class is followed. Extra questions are answered in `extra`, so they
    are not among them.
    """
    form = (page or ConsultationPage()).get_form()
    return {
        name: form.fields[name]
        for name in RequestIn.model_fields
        if name in form.fields and name not in form.extra_field_names and form.fields[name].required
    }


def describe_request_body(document):
    """
    Publish the POST's body with the fields the server requires marked required
    (a required tick, such as the consent, must be `true`).
    """
    for path in document.get("paths", {}).values():
        operation = path.get("post") or {}
        if operation.get("operationId") == "consultations_create":
            schema = RequestIn.model_json_schema()
            required = required_fields()
            schema["required"] = list(required)
            for name, field in required.items():
                if isinstance(field, forms.BooleanField):
                    schema["properties"][name]["const"] = True
            operation["requestBody"]["content"]["application/json"]["schema"] = schema


def refuse_cross_site(request):
    """
    Refuse what a page on another site could send without the browser asking
    first: any body that is not JSON (a form or `text/plain` POST needs no CORS
    preflight), and a browser's `Origin` that is neither this site nor one the
    project allows (CORS_ALLOWED_ORIGINS, CORS_ALLOWED_ORIGIN_REGEXES). Servers
    that send no `Origin` (a front end's own backend) are not affected.
    """
    charset = request.content_params.get("charset", "utf-8").lower()
    if request.content_type != "application/json" or charset not in ("utf-8", "utf8"):
        message = _("Send the request as JSON, with the header Content-Type: application/json.")
        return Status(415, {"errors": {NON_FIELD: [message]}})
    origin = request.headers.get("Origin")
    if origin is not None and not origin_allowed(request, origin.strip().rstrip("/")):
        message = _("Requests from this web site are not accepted.")
        return Status(403, {"errors": {NON_FIELD: [message]}})
    return None


def origin_allowed(request, origin):
    own = request.build_absolute_uri("/").rstrip("/")
    allowed = [value.rstrip("/") for value in getattr(settings, "CORS_ALLOWED_ORIGINS", [])]
    return (
        origin.lower() in {own.lower(), *(value.lower() for value in allowed)}
        or getattr(settings, "CORS_ALLOW_ALL_ORIGINS", False)
        or any(
            re.match(pattern, origin)
            for pattern in getattr(settings, "CORS_ALLOWED_ORIGIN_REGEXES", [])
        )
    )


def schema_errors(error):
    if not isinstance(error, ValidationError):
        return {NON_FIELD: ["Send a JSON object."]}
    errors = {}
    for item in error.errors():
        name = ".".join(str(part) for part in item["loc"]) or NON_FIELD
        errors.setdefault(name, []).append(item["msg"])
    return errors
