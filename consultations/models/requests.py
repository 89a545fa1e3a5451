"""
A patient's consultation request and the blind index it is found by.

`AbstractConsultationRequest` holds every field and behaviour; the thin
concrete `ConsultationRequest` is the default model. A host project adds its
own fields by subclassing the abstract model and naming the subclass in
`CONSULTATIONS_REQUEST_MODEL` (docs/consultations.md), as Wagtail's forms
separate `AbstractFormSubmission` from `FormSubmission`.

Requests are never indexed for search and never exposed in a public API. What
the patient wrote is encrypted in the database (`clinic_site.fields`) and found
through a blind index (`blind_index.py`, `BlindIndexEntry`); docs/privacy.md.
"""

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models, transaction
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from clinic_site.fields import EncryptedJSONField, EncryptedTextField

from .. import blind_index, get_request_model_string, references
from ..choices import (
    OPEN_STATUSES,
    PREFERRED_DAY_CHOICES,
    PREFERRED_TIME_CHOICES,
    ConsultationType,
    ContactMethod,
    HeardAbout,
    PatientStatus,
    Status,
)


class ConsultationRequestQuerySet(models.QuerySet):
    """Lookups by what the patient wrote go through the blind index: the columns are encrypted."""

    def _matching(self, terms):
        if not terms:
            return self.none()
        queryset = self
        for kind, digest in terms:
            queryset = queryset.filter(
                pk__in=BlindIndexEntry.objects.filter(kind=kind, digest=digest).values("request")
            )
        return queryset

    def matching_email(self, email):
        """Requests sent with this e-mail address, now or in an earlier version."""
        email = blind_index.normalise_email(email)
        if not email:
            return self.none()
        return self._matching([(blind_index.EMAIL, blind_index.digest(blind_index.EMAIL, email))])

    def matching_phone(self, phone):
        """Requests sent with this phone number however it was written, now or earlier."""
        phone = blind_index.normalise_phone(phone)
        if not phone:
            return self.none()
        return self._matching([(blind_index.PHONE, blind_index.digest(blind_index.PHONE, phone))])

    def matching_contact(self, email="", phone=""):
        """A patient's requests: those with their e-mail address or their phone number."""
        matches = self.none()
        if blind_index.normalise_email(email):
            matches |= self.matching_email(email)
        if blind_index.normalise_phone(phone):
            matches |= self.matching_phone(phone)
        return matches

    def search(self, query):
        """
        Staff's search box: a request's reference (as the patient reads it out),
        an e-mail address, a phone number or words of a name.
        """
        matches = self._matching(blind_index.query_terms(query))
        reference = references.normalise(query)
        if reference:
            matches |= self.filter(reference=reference)
        return matches


class AbstractConsultationRequest(models.Model):
    """
    What a patient asked for. Personal data: shown only to staff with the
    permission, never indexed for search, never sent in plain e-mail. What the
    patient wrote (and staff notes about them) is encrypted in the database;
    length limits are the form's (`forms.ConsultationForm`), not the columns'.
    """

    # Nothing in a request is content other pages refer to; and the index's
    # update task must not stand between a patient and a stored request.
    wagtail_reference_index_ignore = True

    # The fixed answers, here too so that `ConsultationRequest.Status.SPAM` reads naturally.
    Status = Status
    ContactMethod = ContactMethod
    ConsultationType = ConsultationType
    PatientStatus = PatientStatus
    HeardAbout = HeardAbout

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # What the patient sees on the thank-you page and quotes when they call
    # (`references.py`); given when the request is first stored.
    reference = models.CharField(
        _("reference"), max_length=references.LENGTH, unique=True, editable=False
    )
    page = models.ForeignKey(
        "consultations.ConsultationPage",
        verbose_name=_("form page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    name = EncryptedTextField(_("name"))
    email = EncryptedTextField(_("e-mail address"), blank=True)
    phone = EncryptedTextField(_("phone number"), blank=True)
    preferred_contact = models.CharField(
        _("preferred contact method"), max_length=10, choices=ContactMethod.choices
    )
    treatment = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("treatment of interest"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    treatment_title = models.CharField(
        _("treatment"),
        max_length=255,
        blank=True,
        help_text=_("The treatment's title when the request was sent; empty for 'not sure'."),
    )
    consultation_type = models.CharField(
        _("consultation type"), max_length=10, choices=ConsultationType.choices
    )
    location = models.ForeignKey(
        "clinic_site.LocationPage",
        verbose_name=_("clinic location"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Where the patient would like to come, for an in-person consultation."),
    )
    location_title = models.CharField(
        _("clinic"),
        max_length=255,
        blank=True,
        help_text=_("The location's name when the request was sent; empty for virtual ones."),
    )
    preferred_days = models.JSONField(_("preferred days"), default=list, blank=True)
    preferred_times = models.JSONField(_("preferred times"), default=list, blank=True)
    message = EncryptedTextField(_("message"), blank=True)
    patient_status = models.CharField(
        _("new or returning"), max_length=10, choices=PatientStatus.choices
    )
    heard_about = models.CharField(
        _("heard about us through"), max_length=10, choices=HeardAbout.choices, blank=True
    )
    extra_answers = EncryptedJSONField(
        _("answers to extra questions"),
        default=dict,
        blank=True,
        help_text=_("Answers to the questions editors added, keyed by question."),
    )

    consent_text = models.TextField(_("consent wording agreed to"))
    consent_version = models.CharField(_("consent version"), max_length=20)
    consent_given_at = models.DateTimeField(_("consent given at"))
    marketing_opt_in = models.BooleanField(_("agreed to marketing"), default=False)

    referrer_path = models.CharField(_("came from"), max_length=500, blank=True)
    utm_source = models.CharField(_("campaign source"), max_length=100, blank=True)
    utm_medium = models.CharField(_("campaign medium"), max_length=100, blank=True)
    utm_campaign = models.CharField(_("campaign name"), max_length=100, blank=True)
    utm_term = models.CharField(_("campaign term"), max_length=100, blank=True)
    utm_content = models.CharField(_("campaign content"), max_length=100, blank=True)

    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.NEW, db_index=True
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The member of staff who looks after this request."),
    )
    follow_up_on = models.DateField(
        _("follow up on"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_(
            "The day to get back to the patient; the person assigned gets a reminder that morning."
        ),
    )
    # Staff notes are `ConsultationNote` rows: a timestamped list, added to, never edited.

    # The minimum age the patient confirmed they had reached, when the form asked.
    confirmed_minimum_age = models.PositiveSmallIntegerField(
        _("confirmed to be at least this age"), null=True, blank=True
    )

    # The notification e-mails, one outbox message each (delivery state lives
    # there, where saving the request cannot overwrite it).
    outbox_messages = GenericRelation("clinic_site.OutboxMessage")

    # Earlier versions the patient replaced by sending the same form again
    # with changes (newest last, at most a few): staff see the latest, and
    # can still read what was sent before.
    earlier_versions = EncryptedJSONField(
        _("earlier versions"), default=list, blank=True, editable=False
    )

    # Hashes used to store a re-sent request once; never shown. `form_key`
    # identifies one filling-in of the form (its signed token), and
    # `idempotency_key` a client's own Idempotency-Key.
    form_key = models.CharField(max_length=64, unique=True, null=True, editable=False)
    idempotency_key = models.CharField(max_length=64, unique=True, null=True, editable=False)
    fingerprint = models.CharField(max_length=64, db_index=True, editable=False)

    objects = ConsultationRequestQuerySet.as_manager()

    # The fields the blind index is built from.
    INDEXED_FIELDS = frozenset({"name", "email", "phone", "earlier_versions"})

    class Meta:
        abstract = True
        verbose_name = _("consultation request")
        verbose_name_plural = _("consultation requests")
        ordering = ["-created_at", "-id"]
        # No "add": requests come from patients, never from the admin.
        default_permissions = ("change", "delete", "view")
        permissions = [
            (
                "manage_subject_rights",
                _("Can find, export and erase all of a patient's consultation requests"),
            ),
            ("view_audit_log", _("Can see who viewed, exported, changed or erased requests")),
        ]

    def __str__(self):
        # Deliberately free of personal data: used in audit log labels and e-mails.
        return _("Request %(reference)s") % {"reference": self.reference}

    def save(self, *args, **kwargs):
        # The request and what it is found by are stored together or not at all.
        adding = self._state.adding
        if not self.reference:
            self.reference = references.unique_reference(type(self))
        with transaction.atomic(savepoint=False):
            super().save(*args, **kwargs)
            update_fields = kwargs.get("update_fields")
            if update_fields is None or self.INDEXED_FIELDS.intersection(update_fields):
                self.update_blind_index(replace=not adding)

    @property
    def is_open(self):
        return self.status in OPEN_STATUSES

    @property
    def follow_up_overdue(self):
        return bool(self.follow_up_on and self.is_open and self.follow_up_on < timezone.localdate())

    def update_blind_index(self, *, replace=True):
        """Store the hashes this request is found by (after any change to who sent it)."""
        if replace:
            self.blind_index_entries.all().delete()
        BlindIndexEntry.objects.bulk_create(
            BlindIndexEntry(request=self, kind=kind, digest=digest)
            for kind, digest in sorted(blind_index.entries_for_request(self))
        )

    @cached_property
    def preferred_days_display(self):
        labels = dict(PREFERRED_DAY_CHOICES)
        return ", ".join(str(labels.get(day, day)) for day in self.preferred_days)

    @cached_property
    def preferred_times_display(self):
        labels = dict(PREFERRED_TIME_CHOICES)
        return ", ".join(str(labels.get(time, time)) for time in self.preferred_times)

    @property
    def treatment_display(self):
        return self.treatment_title or _("Not sure yet")

    @property
    def location_display(self):
        """The clinic chosen for an in-person consultation; a dash for virtual ones."""
        if self.consultation_type != ConsultationType.IN_PERSON:
            return "—"
        return self.location_title or _("Not chosen")


class ConsultationRequest(AbstractConsultationRequest):
    """The request model unless `CONSULTATIONS_REQUEST_MODEL` names another."""

    class Meta(AbstractConsultationRequest.Meta):
        pass


class BlindIndexEntry(models.Model):
    """
    One keyed hash a request is found by (an e-mail address, its part before
    "@", a phone number or a word of the name, see `blind_index.py`). Rebuilt
    whenever those change, and by `manage.py rotate_consultation_keys`.
    """

    wagtail_reference_index_ignore = True

    request = models.ForeignKey(
        get_request_model_string(), on_delete=models.CASCADE, related_name="blind_index_entries"
    )
    kind = models.CharField(max_length=20, choices=[(kind, kind) for kind in blind_index.KINDS])
    digest = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("blind index entry")
        verbose_name_plural = _("blind index entries")
        indexes = [models.Index(fields=["kind", "digest"], name="consultations_blind_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "kind", "digest"], name="consultations_blind_unique"
            )
        ]

    def __str__(self):
        return f"{self.kind} {self.digest[:8]}…"
