"""
The e-mails a consultation request triggers, sent through the core's outbox.

Staff get a notice that a request arrived and a link to it in the admin; it
never contains the patient's name, contact details, treatment or message, so a
forwarded or leaked inbox holds no patient data. The patient may get a short
confirmation that does not repeat what they wrote.

Each e-mail is one `OutboxMessage`, queued in the transaction that stores the
request and sent after the commit: delivery state lives in the outbox, where a
front-desk edit of the request cannot overwrite it, and each e-mail is sent at
most once. Failed sends are retried by the worker with back-off (see
`clinic_site.outbox`); `manage.py send_pending_consultation_notifications`
stays for operators.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from clinic_site import outbox
from clinic_site.models import ClinicSettings, OutboxMessage

STAFF_NOTICE = "consultations.staff_notice"
STAFF_UPDATE = "consultations.staff_update"
PATIENT_CONFIRMATION = "consultations.patient_confirmation"
KINDS = (STAFF_NOTICE, STAFF_UPDATE, PATIENT_CONFIRMATION)
KIND_LABELS = {
    STAFF_NOTICE: _lazy("Staff notice"),
    STAFF_UPDATE: _lazy("Staff notice: updated by the patient"),
    PATIENT_CONFIRMATION: _lazy("Confirmation to the patient"),
}


def register_senders():
    """Called from the app's `ready()`: the outbox sends our kinds with these."""
    outbox.register(STAFF_NOTICE, send_staff_notice)
    outbox.register(STAFF_UPDATE, send_staff_notice)
    outbox.register(PATIENT_CONFIRMATION, send_patient_confirmation)


def queue_notifications(consultation_request, *, update=False):
    """
    Queue the e-mails for a new request (or, with `update`, a staff notice that
    the patient sent a corrected version; the patient is not e-mailed again).
    Call inside the transaction that stores the request.
    """
    page = consultation_request.page
    queued = []
    if page and page.notification_recipients:
        kind = STAFF_UPDATE if update else STAFF_NOTICE
        queued.append(outbox.queue(kind, consultation_request))
    if not update and page and page.send_confirmation and consultation_request.email:
        queued.append(outbox.queue(PATIENT_CONFIRMATION, consultation_request))
    return queued


def admin_url(consultation_request):
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    path = reverse("consultationrequest:inspect", args=[consultation_request.pk])
    return f"{base}{path}"


def _clinic(consultation_request):
    page = consultation_request.page
    site = page.get_site() if page else None
    return ClinicSettings.for_site(site) if site else None


def _subject_of(message):
    consultation_request = message.subject
    if consultation_request is None:
        raise LookupError("The consultation request no longer exists.")
    return consultation_request


def send_staff_notice(message):
    consultation_request = _subject_of(message)
    page = consultation_request.page
    recipients = page.notification_recipients if page else []
    if not recipients:
        return
    clinic = _clinic(consultation_request)
    update = message.kind == STAFF_UPDATE
    context = {
        "consultation_request": consultation_request,
        "admin_url": admin_url(consultation_request),
        "clinic_name": clinic.clinic_name if clinic else "",
        "update": update,
    }
    subject = (
        _("Consultation request %(reference)s was updated by the patient")
        if update
        else _("New consultation request %(reference)s")
    )
    send_mail(
        subject=subject % {"reference": consultation_request.reference},
        message=render_to_string("consultations/emails/staff_notice.txt", context),
        from_email=None,
        recipient_list=recipients,
    )


def send_patient_confirmation(message):
    consultation_request = _subject_of(message)
    page = consultation_request.page
    if not (page and page.send_confirmation and consultation_request.email):
        return
    clinic = _clinic(consultation_request)
    context = {"page": page, "clinic": clinic, "consultation_request": consultation_request}
    send_mail(
        subject=_("We have received your consultation request"),
        message=render_to_string("consultations/emails/patient_confirmation.txt", context),
        from_email=None,
        recipient_list=[consultation_request.email],
    )


class Delivery:
    """What the front desk sees of a request's e-mails, from its outbox messages."""

    SENT = "sent"
    UNSENT = "unsent"
    FAILED = "failed"
    NONE = "none"
    CHOICES = [
        (UNSENT, _lazy("Waiting to be sent")),
        (FAILED, _lazy("Failed (gave up)")),
        (SENT, _lazy("Sent")),
    ]
    LABELS = {**dict(CHOICES), NONE: _lazy("Not needed")}

    @classmethod
    def of(cls, messages):
        statuses = {message.status for message in messages}
        if not statuses:
            return cls.NONE
        if OutboxMessage.Status.FAILED in statuses:
            return cls.FAILED
        if statuses == {OutboxMessage.Status.SENT}:
            return cls.SENT
        return cls.UNSENT

    @classmethod
    def filter(cls, queryset, value):
        """Requests whose e-mails are in the delivery state `value`."""
        messages = OutboxMessage.objects.filter(kind__in=KINDS, object_id=OuterRef("pk"))
        unsent = messages.exclude(status=OutboxMessage.Status.SENT)
        failed = messages.filter(status=OutboxMessage.Status.FAILED)
        if value == cls.UNSENT:
            return queryset.filter(Exists(unsent)).exclude(Exists(failed))
        if value == cls.FAILED:
            return queryset.filter(Exists(failed))
        if value == cls.SENT:
            return queryset.filter(Exists(messages)).exclude(Exists(unsent))
        return queryset
