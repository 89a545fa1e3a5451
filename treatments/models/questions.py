"""
Questions and answers: `Question` is a snippet kept once and shown on any number
of pages, and `TreatmentFaq` is one entry of a treatment page's own FAQ list,
written there or pointing to a shared `Question`.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from ..blocks import ANSWER_FEATURES
from ..faqs import FaqItem


class QuestionTopic(TaggedItemBase):
    content_object = ParentalKey(
        "treatments.Question", on_delete=models.CASCADE, related_name="tagged_items"
    )


class Question(index.Indexed, ClusterableModel):
    """
    A question and its answer, kept once and shown on any number of pages:
    editing it here changes every page that uses it.
    """

    question = models.CharField(
        _("question"),
        max_length=255,
        help_text=_("Written as a patient would ask it, e.g. 'How long does Botox last?'"),
    )
    answer = RichTextField(
        _("answer"),
        features=ANSWER_FEATURES,
        help_text=_("A short, direct answer; a few sentences is usually enough."),
    )
    topics = ClusterTaggableManager(
        through=QuestionTopic,
        blank=True,
        verbose_name=_("topics"),
        help_text=_("Words that group questions, e.g. 'botox, safety'; helps you find them."),
    )

    panels = [FieldPanel("question"), FieldPanel("answer"), FieldPanel("topics")]

    search_fields = [
        index.SearchField("question"),
        index.AutocompleteField("question"),
        index.SearchField("answer"),
    ]

    api_fields = [APIField("question"), APIField("answer"), APIField("topics")]

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["question"]

    def __str__(self):
        return self.question

    def topic_list(self):
        return ", ".join(tag.name for tag in self.topics.all())


class TreatmentFaq(Orderable):
    """One question on a treatment page: written here, or a shared `Question` chosen."""

    page = ParentalKey("treatments.TreatmentPage", on_delete=models.CASCADE, related_name="faqs")
    shared_question = models.ForeignKey(
        Question,
        verbose_name=_("shared question"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Choose a shared question, or leave empty and write one below."),
    )
    question = models.CharField(
        _("question"),
        max_length=255,
        blank=True,
        help_text=_("Written as a patient would ask it, e.g. 'Does it hurt?'"),
    )
    answer = RichTextField(
        _("answer"),
        blank=True,
        features=ANSWER_FEATURES,
        help_text=_("A short, direct answer; a few sentences is usually enough."),
    )

    panels = [FieldPanel("shared_question"), FieldPanel("question"), FieldPanel("answer")]

    class Meta(Orderable.Meta):
        verbose_name = _("question and answer")
        verbose_name_plural = _("questions and answers")

    def clean(self):
        super().clean()
        if self.shared_question_id:
            if self.question or self.answer:
                raise ValidationError(
                    {"question": _("Choose a shared question or write one here, not both.")}
                )
            return
        errors = {}
        if not self.question.strip():
            errors["question"] = _("Write the question, or choose a shared question.")
        if not FaqItem(question="", answer=self.answer).answer_text:
            errors["answer"] = _("Write the answer to the question.")
        if errors:
            raise ValidationError(errors)

    @property
    def item(self):
        if self.shared_question_id:
            try:
                return FaqItem.from_question(self.shared_question)
            except Question.DoesNotExist:  # deleted since this revision was saved
                return None
        if not self.question:
            return None
        return FaqItem(question=self.question, answer=self.answer)
