"""
What the clinic does with patients' data beyond triage: re-encrypting it with a
new key, deleting it after the retention period, and answering a patient's
request to see or erase it. The admin views, commands and tasks call these;
docs/privacy.md says when to use which.
"""

import csv
import datetime
import io
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from clinic_site.fields import EncryptedFieldMixin

from . import audit, blind_index, conf, get_request_model
from .choices import PREFERRED_DAY_CHOICES, PREFERRED_TIME_CHOICES, Status
from .exports import csv_text
from .models import BlindIndexEntry

BATCH_SIZE = 500
# Requests the retention period applies to: nobody is working on them any more.
FINISHED = (Status.CLOSED, Status.SPAM)


def encrypted_fields():
    return [
        field.name
        for field in get_request_model()._meta.concrete_fields
        if isinstance(field, EncryptedFieldMixin)
    ]


def reencrypt_all(batch_size=BATCH_SIZE):
    """
    Write every request's encrypted values again, so the newest key in
    CLINIC_ENCRYPTION_KEYS encrypts all of them, and rebuild their blind index
    (needed after a change of CLINIC_BLIND_INDEX_KEY). Batch by batch, each in
    its own transaction with its rows locked, so a patient's correction arriving
    meanwhile is never overwritten; safe to run again. Leaves `updated_at` alone,
    so the retention period is unchanged. Returns the number of requests.
    """
    fields = encrypted_fields()
    done = last = 0
    while True:
        with transaction.atomic():
            batch = list(
                get_request_model()
                .objects.select_for_update()
                .filter(pk__gt=last)
                .order_by("pk")[:batch_size]
            )
            if not batch:
                return done
            get_request_model().objects.bulk_update(batch, fields)
            BlindIndexEntry.objects.filter(request__in=batch).delete()
            BlindIndexEntry.objects.bulk_create(
                BlindIndexEntry(request=request, kind=kind, digest=digest)
                for request in batch
                for kind, digest in sorted(blind_index.entries_for_request(request))
            )
        done += len(batch)
        last = batch[-1].pk


def expired_requests(now=None):
    """Closed and spam requests last updated longer ago than the retention period."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=conf.get("CONSULTATIONS_RETENTION_DAYS"))
    return get_request_model().objects.filter(status__in=FINISHED, updated_at__lt=cutoff)


def count_by_status(queryset):
    rows = queryset.order_by().values_list("status").annotate(count=Count("pk"))
    return dict(rows)


def purge_expired(*, dry_run=False, now=None, batch_size=BATCH_SIZE):
    """
    Delete the expired requests (with their blind index and e-mail records),
    writing an audit entry for each. Returns how many there were per status;
    with `dry_run`, only counts.
    """
    counts = count_by_status(expired_requests(now))
    if dry_run:
        return counts
    days = conf.get("CONSULTATIONS_RETENTION_DAYS")
    deleted = {}
    while True:
        with transaction.atomic():
            expired = expired_requests(now).select_for_update().order_by("pk")
            batch = dict(expired.values_list("pk", "status")[:batch_size])
            if not batch:
                return deleted
            audit.log_each(
                get_request_model(), list(batch), audit.PURGED, data={"retention_days": days}
            )
            get_request_model().objects.filter(pk__in=batch).delete()
        for status in batch.values():
            deleted[status] = deleted.get(status, 0) + 1


def erase(requests, user):
    """Delete these requests at the patient's request; each erasure is in the audit log."""
    pks = [request.pk for request in requests]
    with transaction.atomic():
        audit.log_each(get_request_model(), pks, audit.ERASED, user=user)
        _total, by_model = get_request_model().objects.filter(pk__in=pks).delete()
    return by_model.get(get_request_model()._meta.label, 0)


# What a patient sent, as the export shows it: current values and earlier versions alike.
PATIENT_FIELDS = (
    "name",
    "email",
    "phone",
    "preferred_contact",
    "treatment_title",
    "consultation_type",
    "preferred_days",
    "preferred_times",
    "message",
    "patient_status",
    "heard_about",
    "marketing_opt_in",
)
RECORD_FIELDS = (
    "consent_text",
    "consent_version",
    "consent_given_at",
    "referrer_path",
    "utm_source",
    "utm_medium",
    "utm_campaign",
    "utm_term",
    "utm_content",
    "staff_notes",
)


def as_data(request):
    """Everything stored about one request, decrypted, as JSON-ready data."""
    data = {
        "reference": request.reference,
        "received_at": request.created_at,
        "updated_at": request.updated_at,
        "status": request.status,
        **{name: getattr(request, name) for name in PATIENT_FIELDS},
        "extra_answers": request.extra_answers,
        "form_page": request.page.title if request.page else "",
        **{name: getattr(request, name) for name in RECORD_FIELDS},
        "earlier_versions": request.earlier_versions,
    }
    return data


def export_json(requests):
    document = {
        "exported_at": timezone.now(),
        "consultation_requests": [as_data(request) for request in requests],
    }
    return json.dumps(document, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)


def _field_label(name):
    return str(get_request_model()._meta.get_field(name).verbose_name).capitalize()


def _display(name, value):
    """A stored value as a person reads it: labels for choices, Yes/No for ticks."""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, list):
        labels = dict(PREFERRED_DAY_CHOICES if name == "preferred_days" else PREFERRED_TIME_CHOICES)
        return ", ".join(str(labels.get(item, item)) for item in value)
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat(timespec="minutes")
    field = get_request_model()._meta.get_field(name)
    if field.choices:
        return str(dict(field.choices).get(value, value))
    return str(value)


def _versions(request):
    """(is current, received at, answers) of the current version, then each earlier one."""
    yield True, request.created_at, as_data(request)
    for version in reversed(request.earlier_versions or []):
        yield False, parse_datetime(version.get("received_at") or ""), version


def export_csv(requests):
    """
    One row per version of each request (the current one first), one column per
    field and per extra question; cells that a spreadsheet would run as a
    formula are neutralised and control characters dropped, as in the listing's export.
    """
    requests = list(requests)
    questions = {}
    for request in requests:
        for _current, _received, answers in _versions(request):
            for key, answer in (answers.get("extra_answers") or {}).items():
                questions.setdefault(key, str(answer.get("label", key)))
    headings = [
        _("Reference"),
        _("Version"),
        _("Received"),
        _field_label("status"),
        *(_field_label(name) for name in PATIENT_FIELDS),
        *questions.values(),
        _("Form page"),
        *(_field_label(name) for name in RECORD_FIELDS),
    ]
    output = io.StringIO()
    writer = csv.writer(output)
    writer.writerow(headings)
    for request in requests:
        for current, received, answers in _versions(request):
            extra = answers.get("extra_answers") or {}
            row = [
                request.reference,
                _("Current") if current else _("Earlier version"),
                _display("created_at", received),
                _display("status", request.status) if current else "",
                *(_display(name, answers.get(name)) for name in PATIENT_FIELDS),
                *(_answer(extra.get(key)) for key in questions),
                answers.get("form_page", "") if current else "",
                *(_display(name, answers.get(name)) if current else "" for name in RECORD_FIELDS),
            ]
            writer.writerow([csv_text(str(cell)) for cell in row])
    return output.getvalue()


def _answer(answer):
    if not answer:
        return ""
    value = answer.get("value")
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    return "" if value is None else str(value)
