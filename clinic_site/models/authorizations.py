"""
A patient's recorded authorization to show their photos or words, and the base
of every model that shows something only while one is valid.

The authorization names no patient: it carries a generated reference (what
editors type to link a before-and-after pair or a review to it) and, for staff
with the permission only, the clinic's own record number and notes. Withdrawing
it (`clinic_site.withdrawal`) takes down everything linked to it in one step.
"""

import datetime
import secrets

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

# No 0/O or 1/I/L: references are read out over the phone and typed by hand.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
REFERENCE_LENGTH = 6


def new_reference():
    """A short random code such as "PA-7K3MZQ": says nothing about the patient."""
    code = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))
    return f"PA-{code}"


class AuthorizationScope(models.TextChoices):
    WEBSITE = "website", _("Website")
    SOCIAL = "social", _("Social media")


class PatientAuthorizationQuerySet(models.QuerySet):
    def valid_q(self, scope, on=None, prefix=""):
        """A `Q` for authorizations covering `scope` on the date `on` (today by default)."""
        on = on or timezone.localdate()
        field = {"website": "covers_website", "social": "covers_social"}[scope]
        return Q(
            **{
                f"{prefix}{field}": True,
                f"{prefix}withdrawn_at__isnull": True,
                f"{prefix}given_on__lte": on,
            }
        ) & (Q(**{f"{prefix}expires_on__isnull": True}) | Q(**{f"{prefix}expires_on__gte": on}))

    def valid_for(self, scope, on=None):
        return self.filter(self.valid_q(scope, on))

    def expired(self, on=None):
        """Not yet withdrawn, but past their expiry date: the daily command withdraws these."""
        on = on or timezone.localdate()
        return self.filter(withdrawn_at__isnull=True, expires_on__lt=on)


class PatientAuthorization(models.Model):
    """
    A patient's written permission to show their photos or review, as the clinic
    recorded it: when it was given, where it may be shown, until when, and, once
    withdrawn, when and by whom. Seen only by staff with the model's permissions.
    """

    reference = models.CharField(
        _("reference"),
        max_length=12,
        unique=True,
        default=new_reference,
        editable=False,
        help_text=_(
            "Made for you. Give this code to the editor who adds the photos or review; "
            "it says nothing about the patient."
        ),
    )
    patient_record = models.CharField(
        _("patient record number"),
        max_length=60,
        blank=True,
        help_text=_(
            "The clinic's own record number for the patient, so staff can find the signed "
            "form. Only staff who manage authorizations see it; never a name."
        ),
    )
    given_on = models.DateField(
        _("given on"),
        default=datetime.date.today,
        help_text=_("The date the patient signed the authorization."),
    )
    covers_website = models.BooleanField(
        _("website"),
        default=True,
        help_text=_("The patient agreed to be shown on this website."),
    )
    covers_social = models.BooleanField(
        _("social media"),
        default=False,
        help_text=_("The patient agreed to be shown on the clinic's social media accounts."),
    )
    expires_on = models.DateField(
        _("expires on"),
        null=True,
        blank=True,
        help_text=_(
            "The last day the patient agreed to. Everything linked to it is taken down the "
            "day after. Leave empty if the form sets no end date."
        ),
    )
    notes = models.TextField(
        _("staff notes"),
        blank=True,
        max_length=1000,
        help_text=_(
            "Anything staff need to know, e.g. where the signed form is kept. Never shown "
            "on the site or in the content API."
        ),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True, editable=False)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("withdrawn by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    withdrawal_reason = models.CharField(
        _("reason for withdrawal"), max_length=200, blank=True, editable=False
    )

    panels = [
        FieldPanel("patient_record"),
        FieldPanel("given_on"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("covers_website"), FieldPanel("covers_social")])],
            heading=_("Where the patient may be shown"),
        ),
        FieldPanel("expires_on"),
        FieldPanel("notes"),
    ]

    objects = PatientAuthorizationQuerySet.as_manager()

    class Meta:
        verbose_name = _("patient authorization")
        verbose_name_plural = _("patient authorizations")
        ordering = ["-given_on", "-pk"]

    def __str__(self):
        return self.reference

    def clean(self):
        super().clean()
        if not (self.covers_website or self.covers_social):
            raise ValidationError(
                _("Tick at least one place the patient agreed to: the website or social media.")
            )
        if self.expires_on and self.given_on and self.expires_on < self.given_on:
            raise ValidationError(
                {"expires_on": _("The expiry date cannot be before the date it was given.")}
            )

    def covers(self, scope, on=None):
        """Whether the patient's permission covers `scope` on the date `on` (today)."""
        on = on or timezone.localdate()
        field = {"website": self.covers_website, "social": self.covers_social}[scope]
        return (
            field
            and self.withdrawn_at is None
            and self.given_on <= on
            and (self.expires_on is None or self.expires_on >= on)
        )

    def problem_for(self, scope, on=None):
        """Why this authorization does not allow `scope` today, for an editor; "" if it does."""
        on = on or timezone.localdate()
        if self.withdrawn_at is not None:
            return _("Authorization %(ref)s was withdrawn; this cannot be shown.") % {
                "ref": self.reference
            }
        if self.expires_on is not None and self.expires_on < on:
            return _("Authorization %(ref)s expired on %(date)s; this cannot be shown.") % {
                "ref": self.reference,
                "date": self.expires_on.isoformat(),
            }
        if self.given_on > on:
            return _("Authorization %(ref)s starts on %(date)s; it cannot be shown before.") % {
                "ref": self.reference,
                "date": self.given_on.isoformat(),
            }
        if not self.covers(scope, on):
            return _("Authorization %(ref)s does not cover the %(scope)s.") % {
                "ref": self.reference,
                "scope": AuthorizationScope(scope).label.lower(),
            }
        return ""

    @property
    def scope_display(self):
        places = [
            str(label)
            for covered, label in [
                (self.covers_website, AuthorizationScope.WEBSITE.label),
                (self.covers_social, AuthorizationScope.SOCIAL.label),
            ]
            if covered
        ]
        return ", ".join(places)

    @property
    def status(self):
        if self.withdrawn_at is not None:
            return _("Withdrawn")
        if self.expires_on is not None and self.expires_on < timezone.localdate():
            return _("Expired")
        return _("Valid")

    @property
    def dependents(self):
        """Every item linked to this authorization, in every installed app."""
        items = []
        for model in authorized_models():
            items.extend(model.objects.filter(authorization=self))
        return items


def authorized_models():
    """The concrete models that show content under an authorization (any app's)."""
    return [
        relation.related_model
        for relation in PatientAuthorization._meta.related_objects
        if issubclass(relation.related_model, AuthorizedContent)
        and not relation.related_model._meta.abstract
    ]


class AuthorizationReferenceField(models.ForeignKey):
    """
    A link to a `PatientAuthorization` by its reference, typed in by the editor:
    editors may not browse authorizations, so a chooser would show them nothing.
    """

    def __init__(self, **kwargs):
        kwargs["to"] = "clinic_site.PatientAuthorization"
        kwargs["to_field"] = "reference"
        super().__init__(**kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("to", None)
        kwargs.pop("to_field", None)
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"autocomplete": "off"}))
        field = super().formfield(**kwargs)
        field.error_messages["invalid_choice"] = _(
            "There is no authorization with this reference; check it with the front desk."
        )
        return field


class AuthorizedContent(models.Model):
    """
    Something shown only while a patient's authorization covers the website: a
    before-and-after pair, a review. Subclasses say which images and pages show
    it, so a withdrawal can take it down without knowing the app that defines it.
    """

    authorization_scope = AuthorizationScope.WEBSITE

    authorization = AuthorizationReferenceField(
        verbose_name=_("patient authorization"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="%(app_label)s_%(class)s_items",
        help_text=_(
            "The reference of the patient's signed authorization (e.g. PA-7K3MZQ), from the "
            "front desk. Without a valid one for the website, nothing is shown."
        ),
    )

    class Meta:
        abstract = True

    @classmethod
    def shown_q(cls, on=None):
        """A `Q` for items whose authorization covers the website today."""
        return PatientAuthorization.objects.valid_q(cls.authorization_scope, on, "authorization__")

    @property
    def is_authorized(self):
        return self.authorization is not None and self.authorization.covers(
            self.authorization_scope
        )

    def clean(self):
        super().clean()
        if self.authorization_id is None:
            raise ValidationError(
                {
                    "authorization": _(
                        "Enter the reference of the patient's signed authorization; "
                        "nothing showing a patient may be published without one."
                    )
                }
            )
        authorization = PatientAuthorization.objects.filter(reference=self.authorization_id).first()
        problem = (
            authorization.problem_for(self.authorization_scope)
            if authorization
            else _("There is no authorization with this reference.")
        )
        if problem:
            raise ValidationError({"authorization": problem})

    @property
    def withdrawal_label(self):
        """How staff see this item in the withdrawal's confirmation."""
        return f"{str(self._meta.verbose_name).capitalize()}: {self}"

    def authorized_images(self):
        """The images that show the patient: deleted, with their renditions, on withdrawal."""
        return []

    def pages_showing(self):
        """The pages that show this item: their caches, search entries and CDN copies refresh."""
        return []
