"""
Accepting a consultation request: the one place that validates, filters spam,
rate-limits, suppresses duplicates, stores and schedules the notifications.

Every front door (the HTML page, a JSON API) calls `submit_request()` with plain
data and a `SubmissionMeta`; none of it depends on an HTTP request, so each
door gets the same protection.

What a rejected bot sees: a filled-in honeypot is answered exactly like a
stored request (a thank-you), but nothing is stored, so the bot learns nothing.
A form sent faster than a person could fill it is stored with the status
"spam" and without notifications, so the rare fast human is never lost and
staff can rescue them. A client over a rate limit gets one generic message
("we could not accept your request just now, please call us"), the same for
the IP and the e-mail limit.

One filling-in of the form (one signed form token, valid for a day) stores at
most one request. The same patient sending it again with changes replaces the
stored request, whose earlier version is kept for staff; anybody else sending
the same token gets the form back with a fresh token, so a replayed token can
neither create requests nor e-mail confirmations to other addresses. An
`Idempotency-Key` sent again with the same request returns the first answer,
and with a different request is refused (422), as the IETF idempotency-key
draft describes.
"""

import base64
import datetime
import hashlib
import logging
import time
import uuid
from dataclasses import dataclass, field

from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clinic_site.protection import hit
from clinic_site.text import clean_text

from . import conf, get_request_model, references
from .blind_index import keyed_fingerprint
from .choices import Status
from .forms import HONEYPOT_FIELD
from .models import AbstractConsultationRequest
from .notifications import queue_notifications

logger = logging.getLogger(__name__)

FORM_TOKEN_SALT = "consultations.form"  # noqa: S105 - a signing salt, not a secret
THANK_YOU_SALT = "consultations.thank-you"
UTM_FIELDS = ("utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content")
RATE_LIMITED_MESSAGE = _(
    "We could not accept your request just now. Please try again later, or call us."
)


@dataclass
class SubmissionMeta:
    """Where a submission came from; filled in by the front door."""

    ip: str = ""
    # The signed token the form was shown with (see `make_form_token()`).
    form_token: str = ""
    # A client's own key for "this same submission"; overrides the token's key.
    idempotency_key: str = ""
    referrer_path: str = ""
    utm: dict = field(default_factory=dict)
    # Front doors without a rendered form (an API) may skip the fill-time check.
    check_fill_time: bool = True


@dataclass
class Submission:
    """The outcome: `request` is None when a bot's submission was discarded."""

    request: AbstractConsultationRequest | None
    created: bool = False

    @property
    def reference(self):
        """The request's reference; for a discarded bot, one that looks the same."""
        return self.request.reference if self.request else references.new_reference()

    @property
    def thank_you_token(self):
        public_id = self.request.public_id if self.request else uuid.uuid4()
        page_id = self.request.page_id if self.request else None
        return make_thank_you_token(public_id, page_id)


class SubmissionInvalid(Exception):
    """The data did not validate; `form` keeps the values and the errors per field."""

    def __init__(self, form):
        super().__init__("Consultation request did not validate.")
        self.form = form

    @property
    def errors(self):
        return self.form.errors.get_json_data()


class RateLimited(SubmissionInvalid):
    """Too many requests from this address or e-mail; the form says so without a field."""


class FormTokenRefused(SubmissionInvalid):
    """
    The form token expired, or another patient's request was sent with it: the
    answers are kept and the form is shown again with a fresh token.
    """

    def __init__(self, form, token_payload):
        super().__init__(form)
        # The answers are already filled in: sending them again at once is no
        # bot's speed, so the fresh token starts past the fill-time check.
        self.fresh_token = make_form_token(
            referrer_path=token_payload.get("r", ""),
            utm=token_payload.get("u"),
            shown_at=int(time.time()) - conf.get("CONSULTATIONS_MIN_FILL_SECONDS"),
        )


class IdempotencyConflict(SubmissionInvalid):
    """The Idempotency-Key was already used for a different request."""


TOKEN_EXPIRED_MESSAGE = _(
    "This form was open for more than a day. Please check your answers and send it again."
)
TOKEN_USED_MESSAGE = _(
    "This form was already used to send a request. Please check your answers and send it again."
)
IDEMPOTENCY_CONFLICT_MESSAGE = _(
    "This Idempotency-Key was already used for a different request. Use a new key for a "
    "new or changed request."
)


def make_form_token(*, referrer_path="", utm=None, shown_at=None):
    """
    A signed token shown with the form: when it was shown (for the fill-time
    check), a random key identifying this filling-in (so a re-send is stored
    once), and where the visitor came from.
    """
    payload = {"t": int(time.time()) if shown_at is None else shown_at, "k": uuid.uuid4().hex}
    if referrer_path:
        payload["r"] = referrer_path[:500]
    utm = {k: str(v)[:100] for k, v in (utm or {}).items() if k in UTM_FIELDS and v}
    if utm:
        payload["u"] = utm
    return signing.dumps(payload, salt=FORM_TOKEN_SALT, compress=True)


def read_form_token(token):
    """The token's payload, with "expired" set when it is older than the allowed age."""
    try:
        payload = signing.loads(token or "", salt=FORM_TOKEN_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(payload, dict) or not isinstance(payload.get("t"), int):
        return None
    payload["expired"] = time.time() - payload["t"] > conf.get("CONSULTATIONS_FORM_TOKEN_MAX_AGE")
    return payload


def make_thank_you_token(public_id, page_id):
    """
    Signed and time-limited; re-encoded so it fits one URL path segment of
    Wagtail's page routes (letters, digits, "-" and "_" only).
    """
    signed = signing.dumps({"r": str(public_id), "p": page_id}, salt=THANK_YOU_SALT)
    return base64.urlsafe_b64encode(signed.encode()).decode().rstrip("=")


def read_thank_you_token(token, page_id):
    try:
        signed = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
        payload = signing.loads(
            signed, salt=THANK_YOU_SALT, max_age=conf.get("CONSULTATIONS_THANK_YOU_MAX_AGE")
        )
    except (signing.BadSignature, ValueError):
        return False
    return isinstance(payload, dict) and payload.get("p") in (page_id, None)


def _hash(*parts):
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()


def submit_request(data, *, page, meta):
    """
    Validate and store one consultation request from `page`'s form.

    Returns a `Submission` (also for a duplicate, with the request stored
    first, and for a discarded bot, with no request). Raises
    `SubmissionInvalid` with the bound form when the data is not acceptable.
    Notifications are sent after the transaction commits.
    """
    form = page.get_form(data)
    if data.get(HONEYPOT_FIELD):
        logger.info("Consultation request discarded: honeypot filled.")
        return Submission(request=None)
    if not form.is_valid():
        raise SubmissionInvalid(form)

    cleaned = form.cleaned_data
    token = read_form_token(meta.form_token) or {}
    if token.get("expired"):
        form.add_error(None, TOKEN_EXPIRED_MESSAGE)
        raise FormTokenRefused(form, token)
    email = cleaned["email"].strip().lower()
    phone = "".join(ch for ch in cleaned["phone"] if ch.isdigit())

    too_fast = False
    if meta.check_fill_time:
        shown_at = token.get("t")
        too_fast = shown_at is None or (
            time.time() - shown_at < conf.get("CONSULTATIONS_MIN_FILL_SECONDS")
        )

    form_key = _hash(page.pk, "form", token["k"]) if token.get("k") else None
    idempotency_key = (
        _hash(page.pk, "client", meta.idempotency_key) if meta.idempotency_key else None
    )
    treatment = form.treatment_page
    answers = _answers(form, page, treatment, meta, token)
    fingerprint = keyed_fingerprint(
        _hash(page.pk, *(f"{name}={answers[name]}" for name in FINGERPRINTED))
    )

    if idempotency_key:
        existing = get_request_model().objects.filter(idempotency_key=idempotency_key).first()
        if existing:
            if existing.fingerprint == fingerprint:
                return Submission(request=existing)
            form.add_error(None, IDEMPOTENCY_CONFLICT_MESSAGE)
            raise IdempotencyConflict(form)
    if form_key:
        existing = get_request_model().objects.filter(form_key=form_key).first()
        if existing:
            if existing.fingerprint == fingerprint:
                return Submission(request=existing)
            if not _same_patient(existing, email, phone):
                logger.info("Consultation request refused: form token already used.")
                form.add_error(None, TOKEN_USED_MESSAGE)
                raise FormTokenRefused(form, token)
    duplicate = _find_duplicate(fingerprint)
    if duplicate:
        return Submission(request=duplicate)

    over_ip = meta.ip and hit(
        "consultations.ip",
        meta.ip,
        limit=conf.get("CONSULTATIONS_RATE_LIMIT_PER_IP"),
        period=60 * 60,
    )
    over_email = email and hit(
        "consultations.email",
        email,
        limit=conf.get("CONSULTATIONS_RATE_LIMIT_PER_EMAIL"),
        period=60 * 60 * 24,
    )
    if over_ip or over_email:
        logger.warning("Consultation request refused: rate limit reached.")
        form.add_error(None, RATE_LIMITED_MESSAGE)
        raise RateLimited(form)

    if form_key and existing:
        return _replace(existing, answers, fingerprint, idempotency_key, too_fast)

    now = timezone.now()
    consultation_request = get_request_model()(
        page=page,
        created_at=now,
        consent_given_at=now,
        form_key=form_key,
        idempotency_key=idempotency_key,
        fingerprint=fingerprint,
        **answers,
    )
    if too_fast:
        consultation_request.status = Status.SPAM
        logger.info("Consultation request stored as spam: sent too fast.")

    try:
        with transaction.atomic():
            consultation_request.save()
            if not too_fast:
                queue_notifications(consultation_request)
    except IntegrityError:
        # The same submission, stored a moment ago by a concurrent request.
        duplicate = _find_stored(form_key, idempotency_key, fingerprint)
        if duplicate is None:
            raise
        return Submission(request=duplicate)
    return Submission(request=consultation_request, created=True)


# What a patient entered: compared to tell a re-sent request from a changed one,
# and kept as the earlier version when a changed one replaces it.
PATIENT_FIELDS = (
    "name",
    "email",
    "phone",
    "preferred_contact",
    "treatment_id",
    "treatment_title",
    "consultation_type",
    "location_id",
    "location_title",
    "preferred_days",
    "preferred_times",
    "message",
    "patient_status",
    "heard_about",
    "extra_answers",
    "marketing_opt_in",
)
FINGERPRINTED = (
    "name",
    "email",
    "phone",
    "preferred_contact",
    "treatment_id",
    "consultation_type",
    "location_id",
    "preferred_days",
    "preferred_times",
    "message",
    "patient_status",
    "heard_about",
    "extra_answers",
    "marketing_opt_in",
)
EARLIER_VERSIONS_KEPT = 5


def _answers(form, page, treatment, meta, token):
    cleaned = form.cleaned_data
    location = form.location_page
    utm = {**token.get("u", {}), **(meta.utm or {})}
    return {
        "name": cleaned["name"].strip(),
        "email": cleaned["email"].strip(),
        "phone": cleaned["phone"].strip(),
        "preferred_contact": cleaned["preferred_contact"],
        "treatment_id": treatment.pk if treatment else None,
        "treatment_title": treatment.title if treatment else "",
        "consultation_type": cleaned["consultation_type"],
        "location_id": location.pk if location else None,
        "location_title": location.title if location else "",
        "preferred_days": cleaned["preferred_days"],
        "preferred_times": cleaned["preferred_times"],
        "message": cleaned["message"].strip(),
        "patient_status": cleaned["patient_status"],
        "heard_about": cleaned["heard_about"],
        "extra_answers": form.extra_answers(),
        "consent_text": page.consent_text,
        "consent_version": page.consent_version,
        "marketing_opt_in": cleaned["marketing_opt_in"],
        "confirmed_minimum_age": form.confirmed_minimum_age,
        # From the query string and headers: cleaned like every other answer.
        "referrer_path": clean_text(meta.referrer_path or token.get("r", ""))[:500],
        **{key: clean_text(str(utm.get(key, "")))[:100] for key in UTM_FIELDS},
    }


def _same_patient(existing, email, phone):
    """A corrected resubmission keeps the e-mail address or the phone number."""
    if email and existing.email.strip().lower() == email:
        return True
    existing_phone = "".join(ch for ch in existing.phone if ch.isdigit())
    return bool(phone) and existing_phone == phone


def _replace(existing, answers, fingerprint, idempotency_key, too_fast):
    """
    The patient sent the same form again with changes: the stored request
    becomes the new version, its previous answers are kept for staff, and staff
    are told it changed. The patient is not e-mailed again.
    """
    from wagtail.log_actions import log

    with transaction.atomic():
        locked = get_request_model().objects.select_for_update().get(pk=existing.pk)
        if locked.fingerprint == fingerprint:  # a concurrent copy of the same change
            return Submission(request=locked)
        earlier = {name: getattr(locked, name) for name in PATIENT_FIELDS}
        earlier["received_at"] = locked.updated_at.isoformat()
        locked.earlier_versions = [*locked.earlier_versions, earlier][-EARLIER_VERSIONS_KEPT:]
        for name, value in answers.items():
            setattr(locked, name, value)
        locked.fingerprint = fingerprint
        if idempotency_key and not locked.idempotency_key:
            locked.idempotency_key = idempotency_key
        was_spam = locked.status == Status.SPAM
        if was_spam and not too_fast:
            locked.status = Status.NEW
        locked.consent_given_at = timezone.now()
        locked.save()
        log(locked, "consultations.resubmitted")
        if not too_fast:
            queue_notifications(locked, update=not was_spam)
    logger.info("Consultation request %s replaced by a corrected version.", locked.pk)
    return Submission(request=locked)


def _find_stored(form_key, idempotency_key, fingerprint):
    for field_name, value in (("form_key", form_key), ("idempotency_key", idempotency_key)):
        if value:
            existing = get_request_model().objects.filter(**{field_name: value}).first()
            if existing:
                return existing
    return _find_duplicate(fingerprint)


def _find_duplicate(fingerprint):
    """The same answers sent again from a fresh form within the duplicate window."""
    since = timezone.now() - datetime.timedelta(
        seconds=conf.get("CONSULTATIONS_DUPLICATE_WINDOW_SECONDS")
    )
    return (
        get_request_model()
        .objects.filter(fingerprint=fingerprint, created_at__gte=since)
        .order_by("created_at")
        .first()
    )
