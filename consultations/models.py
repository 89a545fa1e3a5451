"""
The consultation form page, the extra questions editors add to it, and the
requests it captures.

The core questions (who, how to reply, what, when, consent) are fixed in
`forms.ConsultationForm` and stored as real columns on `ConsultationRequest`, so
staff can filter, search and export them and the JSON API validates them the
same way. Editors add their own questions with Wagtail's form builder pieces;
their answers are kept in `ConsultationRequest.extra_answers`.

Requests are never indexed for search and never exposed in a public API. What
the patient wrote is encrypted in the database (`clinic_site.fields`) and found
through a blind index (`blind_index.py`, `BlindIndexEntry`); docs/privacy.md.
"""

import hashlib
import uuid

from django.apps import apps
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models, transaction
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.contrib.forms.forms import WagtailAdminFormPageForm
from wagtail.contrib.forms.models import AbstractFormField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from clinic_site import seo
from clinic_site.fields import EncryptedJSONField, EncryptedTextField
from clinic_site.models import BasePage
from clinic_site.panels import PageTypeChooserPanel

from . import blind_index, conf

DEFAULT_CONSENT_TEXT = (
    "I agree that the clinic may use the information in this form, including anything "
    "about my health, to reply to my request and arrange a consultation."
)
DEFAULT_EMERGENCY_NOTICE = (
    "This form is not for emergencies. If you are seriously unwell or injured, call 999 "
    "or go to your nearest emergency department. For urgent medical advice, call NHS 111."
)


def treatment_page_model():
    """The page model offered as treatments, or None when its app is not installed."""
    try:
        return apps.get_model(conf.get("CONSULTATIONS_TREATMENT_PAGE_MODEL"))
    except (LookupError, ValueError):
        return None


class ConsultationPage(RoutablePageMixin, BasePage):
    """
    The page where patients ask for a consultation. Its form posts back to the
    page; a stored request redirects to the page's thank-you route, addressed
    by a signed token rather than the request's id.
    """

    emergency_notice = models.TextField(
        _("emergency notice"),
        default=DEFAULT_EMERGENCY_NOTICE,
        help_text=_(
            "Shown above the form. Say plainly that the form is not for emergencies and "
            "whom to call instead; the clinic's phone number is added after it."
        ),
    )
    offer_virtual = models.BooleanField(
        _("offer virtual consultations"),
        default=True,
        help_text=_("Patients can choose a video or phone consultation."),
    )
    offer_in_person = models.BooleanField(
        _("offer in-person consultations"),
        default=True,
        help_text=_("Patients can choose to come to the clinic."),
    )
    consent_text = models.TextField(
        _("consent wording"),
        default=DEFAULT_CONSENT_TEXT,
        max_length=1000,
        help_text=_(
            "The sentence patients must tick before sending. The exact words are stored with "
            "each request; changing them starts a new consent version automatically."
        ),
    )
    marketing_text = models.CharField(
        _("marketing opt-in wording"),
        max_length=300,
        default="Send me occasional news and offers by e-mail. I can unsubscribe at any time.",
        help_text=_("The optional tick box for news and offers; it is never ticked for them."),
    )
    submit_label = models.CharField(
        _("button label"),
        max_length=60,
        default="Send my request",
        help_text=_("The text on the button that sends the form."),
    )
    thank_you_heading = models.CharField(
        _("thank-you heading"),
        max_length=120,
        default="Thank you, we have your request",
        help_text=_("The heading patients see after sending the form."),
    )
    thank_you_message = RichTextField(
        _("thank-you message"),
        blank=True,
        features=["bold", "italic", "link", "ul", "ol"],
        help_text=_(
            "What happens next, e.g. 'We will contact you within one working day.' "
            "Never repeats what the patient wrote."
        ),
    )
    notify_emails = models.TextField(
        _("notify these staff e-mail addresses"),
        help_text=_(
            "One address per line. They get an e-mail saying a request arrived, with a link "
            "to it in the admin; the e-mail never contains the patient's details."
        ),
    )
    send_confirmation = models.BooleanField(
        _("send patients a confirmation e-mail"),
        default=True,
        help_text=_("Patients who give an e-mail address get a short confirmation."),
    )
    confirmation_text = models.TextField(
        _("confirmation e-mail text"),
        blank=True,
        default="We have received your consultation request and will contact you soon.",
        max_length=2000,
        help_text=_("The body of the confirmation e-mail. It never repeats their message."),
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("emergency_notice"),
    ]
    form_panels = [
        MultiFieldPanel(
            [InlinePanel("offered_treatments", label=_("Treatment"))],
            heading=_("Treatments offered"),
            help_text=_(
                "Leave empty to offer every published treatment. 'Not sure yet' is always offered."
            ),
        ),
        FieldRowPanel(
            [FieldPanel("offer_virtual"), FieldPanel("offer_in_person")],
            heading=_("Consultation types"),
        ),
        MultiFieldPanel(
            [FieldPanel("consent_text"), FieldPanel("marketing_text")],
            heading=_("Consent"),
        ),
        InlinePanel("extra_fields", label=_("Extra question")),
        FieldPanel("submit_label"),
    ]
    after_panels = [
        MultiFieldPanel(
            [FieldPanel("thank_you_heading"), FieldPanel("thank_you_message")],
            heading=_("Thank-you message"),
        ),
        FieldPanel("notify_emails"),
        MultiFieldPanel(
            [FieldPanel("send_confirmation"), FieldPanel("confirmation_text")],
            heading=_("Confirmation for the patient"),
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(form_panels, heading=_("Form")),
            ObjectList(after_panels, heading=_("After sending")),
            ObjectList(BasePage.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )
    base_form_class = WagtailAdminFormPageForm

    # Public texts only: staff addresses and the confirmation e-mail stay in the admin.
    # The form itself (fields, choices, token) is at /api/v3/consultations/form/.
    api_fields = [
        *BasePage.api_fields,
        APIField("emergency_notice"),
        APIField("offer_virtual"),
        APIField("offer_in_person"),
        APIField("consent_text"),
        APIField("marketing_text"),
        APIField("submit_label"),
        APIField("thank_you_heading"),
        APIField("thank_you_message"),
    ]

    parent_page_types = ["clinic_site.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("consultation page")

    def clean(self):
        super().clean()
        errors = {}
        if not (self.offer_virtual or self.offer_in_person):
            errors["offer_in_person"] = _("Offer at least one kind of consultation.")
        for address in self.notification_recipients:
            try:
                validate_email(address)
            except ValidationError:
                errors["notify_emails"] = _("'%(address)s' is not an e-mail address.") % {
                    "address": address
                }
        if not self.notification_recipients:
            errors["notify_emails"] = _("Give at least one staff e-mail address.")
        if errors:
            raise ValidationError(errors)

    @property
    def notification_recipients(self):
        return [line.strip() for line in (self.notify_emails or "").splitlines() if line.strip()]

    @property
    def consent_version(self):
        """Changes whenever the consent wording changes; stored with each request."""
        return hashlib.sha256(self.consent_text.strip().encode()).hexdigest()[:12]

    @property
    def consultation_type_choices(self):
        types = ConsultationRequest.ConsultationType
        offered = [(types.VIRTUAL, self.offer_virtual), (types.IN_PERSON, self.offer_in_person)]
        return [(kind.value, kind.label) for kind, on in offered if on]

    def get_offered_treatments(self):
        """
        Live treatment pages offered in the form: the editor's choice in their
        order, or every live page of the treatment model by title.
        """
        chosen = [item.treatment_id for item in self.offered_treatments.all()]
        if chosen:
            pages = Page.objects.live().public().filter(id__in=chosen)
            by_id = {page.id: page for page in pages}
            return [by_id[i] for i in chosen if i in by_id]
        model = treatment_page_model()
        if model is None:
            return []
        return list(model.objects.live().public().order_by("title"))

    def get_extra_form_fields(self):
        return list(self.extra_fields.all())

    def get_form_class(self):
        from .forms import ConsultationForm

        return ConsultationForm

    def get_form(self, *args, **kwargs):
        return self.get_form_class()(*args, page=self, **kwargs)

    def get_json_ld(self, request=None):
        return [
            seo.web_page(self, request, type_="ContactPage"),
            seo.breadcrumb_list([*self.get_breadcrumbs(), self], request),
        ]

    @path("")
    def form_view(self, request):
        from .views import consultation_form

        return consultation_form(request, self)

    @path("thank-you/<str:token>/", name="thank_you")
    def thank_you_view(self, request, token):
        from .views import thank_you

        return thank_you(request, self, token)


class ConsultationPageTreatment(Orderable):
    """A treatment the form offers, in the editor's order."""

    page = ParentalKey(
        ConsultationPage, on_delete=models.CASCADE, related_name="offered_treatments"
    )
    treatment = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("treatment"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("A treatment page patients can ask about."),
    )

    panels = [PageTypeChooserPanel("treatment", page_type="treatments.TreatmentPage")]

    class Meta(Orderable.Meta):
        verbose_name = _("offered treatment")
        verbose_name_plural = _("offered treatments")


class ConsultationFormField(AbstractFormField):
    """An extra question an editor adds below the core questions."""

    page = ParentalKey(ConsultationPage, on_delete=models.CASCADE, related_name="extra_fields")

    class Meta(AbstractFormField.Meta):
        verbose_name = _("extra question")
        verbose_name_plural = _("extra questions")


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
        """Staff's search box: an e-mail address, a phone number or words of a name."""
        return self._matching(blind_index.query_terms(query))


class ConsultationRequest(models.Model):
    """
    What a patient asked for. Personal data: shown only to staff with the
    permission, never indexed for search, never sent in plain e-mail. What the
    patient wrote (and staff notes about them) is encrypted in the database;
    length limits are the form's (`forms.ConsultationForm`), not the columns'.
    """

    # Nothing in a request is content other pages refer to; and the index's
    # update task must not stand between a patient and a stored request.
    wagtail_reference_index_ignore = True

    class Status(models.TextChoices):
        NEW = "new", _("New")
        CONTACTED = "contacted", _("Contacted")
        BOOKED = "booked", _("Booked")
        CLOSED = "closed", _("Closed")
        SPAM = "spam", _("Spam")

    class ContactMethod(models.TextChoices):
        EMAIL = "email", _("E-mail")
        PHONE = "phone", _("Phone call")
        TEXT = "text", _("Text message")

    class ConsultationType(models.TextChoices):
        VIRTUAL = "virtual", _("Virtual (video or phone)")
        IN_PERSON = "in_person", _("In person at the clinic")

    class PatientStatus(models.TextChoices):
        NEW = "new", _("I am a new patient")
        RETURNING = "returning", _("I have been to the clinic before")

    class HeardAbout(models.TextChoices):
        SEARCH = "search", _("Search engine")
        SOCIAL = "social", _("Social media")
        FRIEND = "friend", _("Friend or family")
        DOCTOR = "doctor", _("My doctor")
        ADVERT = "advert", _("Advertisement")
        OTHER = "other", _("Other")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    page = models.ForeignKey(
        ConsultationPage,
        verbose_name=_("form page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="requests",
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
    staff_notes = EncryptedTextField(
        _("staff notes"),
        blank=True,
        help_text=_("Only staff see these, e.g. 'Left a voicemail on Tuesday'."),
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
        with transaction.atomic(savepoint=False):
            super().save(*args, **kwargs)
            update_fields = kwargs.get("update_fields")
            if update_fields is None or self.INDEXED_FIELDS.intersection(update_fields):
                self.update_blind_index(replace=not adding)

    @property
    def reference(self):
        return f"#{self.pk}" if self.pk else "#"

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


class BlindIndexEntry(models.Model):
    """
    One keyed hash a request is found by (an e-mail address, its part before
    "@", a phone number or a word of the name, see `blind_index.py`). Rebuilt
    whenever those change, and by `manage.py rotate_consultation_keys`.
    """

    wagtail_reference_index_ignore = True

    request = models.ForeignKey(
        ConsultationRequest, on_delete=models.CASCADE, related_name="blind_index_entries"
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


PREFERRED_DAY_CHOICES = [
    ("mon", _("Monday")),
    ("tue", _("Tuesday")),
    ("wed", _("Wednesday")),
    ("thu", _("Thursday")),
    ("fri", _("Friday")),
    ("sat", _("Saturday")),
]
PREFERRED_TIME_CHOICES = [
    ("morning", _("Morning (9:00 to 12:00)")),
    ("afternoon", _("Afternoon (12:00 to 17:00)")),
    ("evening", _("Evening (after 17:00)")),
]
