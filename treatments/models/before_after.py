"""
Before-and-after photos on a treatment page: a pair of images, each described
for people who cannot see it, with how many sessions and how long lay between
them. A pair is shown only while the patient's authorization covers the website
(`clinic_site.models.AuthorizedContent`); withdrawing it deletes the photos.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Orderable

from clinic_site.models import AuthorizedContent, PatientAuthorization

from ..panels import AuthorizationStatusPanel

# What the gallery's `{% picture %}` tags ask for (components/before_after.html).
GALLERY_RENDITIONS = "format-{webp,jpeg} fill-{480x360,960x720}"


class TreatmentBeforeAfter(AuthorizedContent, Orderable):
    """One before-and-after pair on a treatment page, in the editor's order."""

    page = ParentalKey(
        "treatments.TreatmentPage", on_delete=models.CASCADE, related_name="before_after_pairs"
    )
    before_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("before photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The photo taken before the first session."),
    )
    before_alt = models.CharField(
        _("before photo description"),
        max_length=250,
        blank=True,
        help_text=_(
            "What the photo shows, for people who cannot see it, e.g. 'Forehead with deep "
            "lines when frowning'."
        ),
    )
    after_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("after photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The photo taken after treatment, from the same angle and in the same light."),
    )
    after_alt = models.CharField(
        _("after photo description"),
        max_length=250,
        blank=True,
        help_text=_("What the photo shows, e.g. 'The same forehead, lines much softer'."),
    )
    caption = models.CharField(
        _("caption"),
        max_length=250,
        blank=True,
        help_text=_(
            "Shown under the pair, e.g. 'Frown lines, woman in her forties'. No names or "
            "anything else that identifies the patient."
        ),
    )
    sessions = models.PositiveSmallIntegerField(
        _("number of sessions"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("How many sessions the patient had between the two photos, e.g. 1."),
    )
    weeks_between = models.PositiveSmallIntegerField(
        _("weeks between photos"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("How long after the first photo the second was taken, in weeks, e.g. 2."),
    )

    panels = [
        AuthorizationStatusPanel(),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("before_image"), FieldPanel("after_image")]),
                FieldRowPanel([FieldPanel("before_alt"), FieldPanel("after_alt")]),
            ],
            heading=_("Photos"),
        ),
        FieldPanel("caption"),
        FieldRowPanel([FieldPanel("sessions"), FieldPanel("weeks_between")]),
        FieldPanel("authorization"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("before-and-after pair")
        verbose_name_plural = _("before-and-after pairs")

    def __str__(self):
        page = self.page.title if self.page_id else ""
        return " – ".join(part for part in [page, self.caption] if part) or str(self.pk)

    def clean(self):
        if self.is_withdrawn_record:
            return  # taken down already; the page can still be saved with it
        errors = {}
        for image, alt in [("before_image", "before_alt"), ("after_image", "after_alt")]:
            if getattr(self, f"{image}_id") is None:
                errors[image] = _("Choose a photo; a pair needs both.")
            elif not getattr(self, alt).strip():
                errors[alt] = _("Describe this photo for people who cannot see it.")
        try:
            super().clean()
        except ValidationError as error:
            errors.update(error.error_dict)
        if errors:
            raise ValidationError(errors)

    @property
    def is_withdrawn_record(self):
        """
        A saved pair as a withdrawal left it: its authorization withdrawn and its photos
        deleted. It is never shown; editors may keep it or delete it, and saving the
        page does not ask them to fix it. Choosing photos again makes it a pair like any
        other, which the withdrawn authorization then refuses.
        """
        return bool(
            self.pk
            and self.authorization_id
            and self.before_image_id is None
            and self.after_image_id is None
            and PatientAuthorization.objects.filter(
                reference=self.authorization_id, withdrawn_at__isnull=False
            ).exists()
        )

    @property
    def details(self):
        """'1 session, photos 2 weeks apart': what the figure's caption adds to the editor's."""
        parts = []
        if self.sessions:
            parts.append(
                ngettext("%(n)d session", "%(n)d sessions", self.sessions) % {"n": self.sessions}
            )
        if self.weeks_between:
            parts.append(
                ngettext("photos %(n)d week apart", "photos %(n)d weeks apart", self.weeks_between)
                % {"n": self.weeks_between}
            )
        return ", ".join(parts)

    @property
    def is_shown(self):
        return self.is_authorized and self.before_image_id and self.after_image_id

    def authorized_images(self):
        return [self.before_image, self.after_image]

    def pages_showing(self):
        return [self.page]
