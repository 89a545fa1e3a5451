"""Staff notes on a consultation request: a list that grows, never rewritten."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clinic_site.fields import EncryptedTextField

from .. import get_request_model_string

NOTE_MAX_LENGTH = 2000


class ConsultationNote(models.Model):
    """
    One note a member of staff added to a request ("Left a voicemail"), with
    who and when. Notes can hold health details, so the text is encrypted like
    what the patient wrote. A note is never edited or removed on its own: the
    list is the record of what the front desk did (it goes when its request
    is erased or purged).
    """

    wagtail_reference_index_ignore = True

    request = models.ForeignKey(
        get_request_model_string(),
        verbose_name=_("request"),
        on_delete=models.CASCADE,
        related_name="notes",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("added"), default=timezone.now, editable=False)
    text = EncryptedTextField(_("note"))

    class Meta:
        verbose_name = _("staff note")
        verbose_name_plural = _("staff notes")
        ordering = ["created_at", "pk"]
        default_permissions = ()

    def __str__(self):
        return _("Note on request #%(request)s") % {"request": self.request_id}

    def save(self, *args, **kwargs):
        # Append-only: re-encryption with a new key uses bulk_update, not save().
        if not self._state.adding:
            raise ValueError("A staff note cannot be changed once added; add another one.")
        super().save(*args, **kwargs)

    @property
    def author_display(self):
        if self.author is None:
            return _("Someone no longer on staff")
        return self.author.get_full_name() or self.author.get_username()
