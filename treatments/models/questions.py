"""
Questions and answers: `Question` is a snippet kept once and shown on any number
of pages, and `TreatmentFaq` is one entry of a treatment page's own FAQ list,
written there or pointing to a shared `Question`.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    Page,
    PreviewableMixin,
    ReferenceIndex,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index

from clinic_site.models import MedicalReviewMixin

from ..blocks import ANSWER_FEATURES
from ..faqs import FaqItem, previewing
from ..panels import QuestionUsagePanel


class QuestionTopic(TaggedItemBase):
    content_object = ParentalKey(
        "treatments.Question", on_delete=models.CASCADE, related_name="tagged_items"
    )


class Question(
    MedicalReviewMixin,
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    index.Indexed,
    ClusterableModel,
):
    """
    A question and its answer, kept once and shown on any number of pages. Because
    one answer reaches many pages, a change is a draft (with revisions, a preview
    inside a page that shows it, and a lock) until it is published, which for
    editors means a clinical reviewer approving it; pages show only the
    published version. The approval names its reviewer and date, like a health
    page's, so the "Content due for medical review" report lists shared questions
    too.
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

    panels = [
        QuestionUsagePanel(),
        FieldPanel("question"),
        FieldPanel("answer"),
        FieldPanel("topics"),
        *MedicalReviewMixin.review_panels,
    ]

    search_fields = [
        index.SearchField("question"),
        index.AutocompleteField("question"),
        index.SearchField("answer"),
    ]

    api_fields = [APIField("question"), APIField("answer"), APIField("topics")]

    # The report's title column (a page's is its title).
    review_title_field = "question"

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["question"]

    def __str__(self):
        return self.question

    def topic_list(self):
        return ", ".join(tag.name for tag in self.topics.all())

    def get_pages_shown_on(self):
        """
        The published pages whose published version shows this question (from
        Wagtail's reference index), treatment pages first, then by title.
        """
        if self.pk is None:
            return []
        page_ids = (
            ReferenceIndex.get_references_to(self)
            .filter(base_content_type=ContentType.objects.get_for_model(Page))
            .values_list("object_id", flat=True)
        )
        pages = Page.objects.live().filter(id__in=[int(pk) for pk in page_ids]).specific()
        return sorted(
            pages, key=lambda page: (page._meta.model_name != "treatmentpage", page.title)
        )

    def get_preview_template(self, request, mode_name):
        return "treatments/question_preview.html"

    def get_preview_context(self, request, mode_name):
        return {**super().get_preview_context(request, mode_name), "question": self}

    def serve_preview(self, request, mode_name):
        """
        Show the edited answer inside a page that shows it (a treatment page if
        one does), as patients would see it there once published.
        """
        pages = self.get_pages_shown_on()
        if not pages:
            return TemplateResponse(
                request,
                self.get_preview_template(request, mode_name),
                self.get_preview_context(request, mode_name),
            )
        page = pages[0]
        with previewing(self):
            return page.make_preview_request(request, page.default_preview_mode)


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
                return FaqItem.from_question(self.shared_question)  # None until published
            except Question.DoesNotExist:  # deleted since this revision was saved
                return None
        if not self.question:
            return None
        return FaqItem(question=self.question, answer=self.answer)
