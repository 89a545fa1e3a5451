"""
The e-mails a consultation request triggers, and their delivery state.

Staff get a notice that a request arrived and a link to it in the admin; it
never contains the patient's name, contact details, treatment or message, so a
forwarded or leaked inbox holds no patient data. The patient may get a short
confirmation that does not repeat what they wrote.

Delivery is recorded on the request: an SMTP failure leaves it "failed" with
the error and a next attempt time, and `manage.py
send_pending_consultation_notifications` (run from cron) retries with back-off.
The request itself is already stored, so nothing is lost.
"""

import datetime
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from clinic_site.models import ClinicSettings

from . import conf
from .models import ConsultationRequest

logger = logging.getLogger(__name__)

Status = ConsultationRequest.NotificationStatus


def admin_url(consultation_request):
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    path = reverse("consultationrequest:inspect", args=[consultation_request.pk])
    return f"{base}{path}"


def backoff(attempts):
    """Minutes to wait before the next attempt: 5, 10, 20, 40... capped at a day."""
    return datetime.timedelta(minutes=min(5 * 2 ** max(attempts - 1, 0), 24 * 60))


def _clinic(consultation_request):
    page = consultation_request.page
    site = page.get_site() if page else None
    return ClinicSettings.for_site(site) if site else None


def send_staff_notice(consultation_request):
    page = consultation_request.page
    recipients = page.notification_recipients if page else []
    if not recipients:
        return
    clinic = _clinic(consultation_request)
    context = {
        "consultation_request": consultation_request,
        "admin_url": admin_url(consultation_request),
        "clinic_name": clinic.clinic_name if clinic else "",
    }
    send_mail(
        subject=_("New consultation request %(reference)s")
        % {"reference": consultation_request.reference},
        message=render_to_string("consultations/emails/staff_notice.txt", context),
        from_email=None,
        recipient_list=recipients,
    )


def send_patient_confirmation(consultation_request):
    page = consultation_request.page
    if not (page and page.send_confirmation and consultation_request.email):
        return
    clinic = _clinic(consultation_request)
    context = {"page": page, "clinic": clinic}
    send_mail(
        subject=_("We have received your consultation request"),
        message=render_to_string("consultations/emails/patient_confirmation.txt", context),
        from_email=None,
        recipient_list=[consultation_request.email],
    )


def deliver(request_id, *, now=None):
    """
    Send whatever has not been sent yet for one request, and record the outcome.
    Returns the new notification status. Never raises for a delivery error.
    """
    now = now or timezone.now()
    with transaction.atomic():
        consultation_request = (
            ConsultationRequest.objects.select_for_update(of=("self",))
            .select_related("page")
            .filter(pk=request_id)
            .first()
        )
        if consultation_request is None:
            return None
        if consultation_request.notification_status not in (Status.PENDING, Status.FAILED):
            return consultation_request.notification_status
        try:
            if consultation_request.staff_notified_at is None:
                send_staff_notice(consultation_request)
                consultation_request.staff_notified_at = timezone.now()
            if consultation_request.patient_confirmed_at is None:
                send_patient_confirmation(consultation_request)
                consultation_request.patient_confirmed_at = timezone.now()
        except Exception as error:  # SMTP, DNS, timeouts: keep it for the retry
            consultation_request.notification_attempts += 1
            consultation_request.notification_status = Status.FAILED
            consultation_request.notification_last_error = f"{type(error).__name__}: {error}"[:1000]
            consultation_request.notification_next_attempt_at = now + backoff(
                consultation_request.notification_attempts
            )
            logger.warning(
                "Notification for consultation request %s failed (attempt %s): %s",
                request_id,
                consultation_request.notification_attempts,
                type(error).__name__,
            )
        else:
            consultation_request.notification_attempts += 1
            consultation_request.notification_status = Status.SENT
            consultation_request.notification_last_error = ""
            consultation_request.notification_next_attempt_at = None
        consultation_request.save(
            update_fields=[
                "staff_notified_at",
                "patient_confirmed_at",
                "notification_attempts",
                "notification_status",
                "notification_last_error",
                "notification_next_attempt_at",
                "updated_at",
            ]
        )
    return consultation_request.notification_status


def due_for_retry(now=None, *, ignore_backoff=False):
    """Requests whose notifications are unsent and due, oldest first."""
    now = now or timezone.now()
    queryset = ConsultationRequest.objects.awaiting_notification().filter(
        notification_attempts__lt=conf.get("CONSULTATIONS_NOTIFICATION_MAX_ATTEMPTS")
    )
    if not ignore_backoff:
        queryset = queryset.exclude(notification_next_attempt_at__gt=now)
    return queryset.order_by("created_at")
