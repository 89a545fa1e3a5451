"""
Words patients use for the same thing ("hurt", "pain", "discomfort"), kept by
editors so a search in a patient's words finds a page written in a clinician's.
`clinic_site.search.synonyms` reads them when the site is searched.
"""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel

_SEPARATORS = re.compile(r"[,;\n]+")


def split_words(text):
    """The words or phrases of a comma-separated list, lower-cased, each once, in order."""
    result = []
    for part in _SEPARATORS.split(text or ""):
        word = " ".join(part.split()).casefold()
        if word and word not in result:
            result.append(word)
    return result


class SearchSynonym(models.Model):
    """
    One group of words that mean the same to a patient: a search for any of
    them also finds pages using the others. Stemming (PostgreSQL) already joins
    forms of one word ("treatment", "treatments"); a group joins different
    words, and forms stemming keeps apart ("pregnant", "pregnancy").
    """

    words = models.CharField(
        _("words that mean the same"),
        max_length=255,
        unique=True,
        help_text=_(
            "Two or more words or short phrases, separated by commas, that patients "
            "use for the same thing, e.g. 'hurt, pain, painful, discomfort, sore'. A "
            "search for any of them finds pages that use the others."
        ),
    )
    note = models.CharField(
        _("note for editors"),
        max_length=200,
        blank=True,
        help_text=_("Optional. Why this group exists, e.g. 'Patients ask about pain'."),
    )

    panels = [FieldPanel("words"), FieldPanel("note")]

    class Meta:
        verbose_name = _("search synonym")
        verbose_name_plural = _("search synonyms")
        ordering = ["words"]

    def __str__(self):
        return self.words

    def clean(self):
        super().clean()
        words = split_words(self.words)
        if len(words) < 2:
            raise ValidationError({"words": _("Write at least two words, separated by commas.")})
        self.words = ", ".join(words)

    @property
    def word_list(self):
        return split_words(self.words)
