"""
The treatments app's blocks: a list of shared questions and a card for one
treatment, which it adds to page bodies, and the side effects and reasons not
to have a treatment that make up a treatment page's safety lists. They refer to
this app's models by string so the module imports nothing from `models/`,
which builds its pages from it.
"""

from django.utils.translation import gettext_lazy as _

from typing_extensions import TypedDict
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from clinic_site.blocks import BaseStreamBlock, ChosenPagePreviewMixin, RichTextBlock

from .api.fields import FaqDict, TreatmentCardDict, faq_representation, treatment_card
from .faqs import FaqItem

ANSWER_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class FaqListValue(blocks.StructValue):
    @property
    def faq_items(self):
        """The chosen questions that still exist and are published, as `FaqItem`s."""
        items = (FaqItem.from_question(q) for q in self.get("questions") or [] if q)
        return [item for item in items if item is not None]


class FaqListBlockValue(TypedDict):
    """Published shared questions, each with its answer as HTML."""

    heading: str | None
    questions: list[FaqDict]


class FaqListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        label=_("Heading"),
        required=False,
        max_length=160,
        help_text=_("Optional, e.g. 'Common questions'. Leave empty to show the questions only."),
    )
    questions = blocks.ListBlock(
        SnippetChooserBlock("treatments.Question", label=_("Question")),
        label=_("Questions"),
        min_num=1,
        help_text=_(
            "Choose shared questions. Editing a question under Snippets changes it on "
            "every page that shows it."
        ),
    )

    def get_api_type(self):
        return FaqListBlockValue

    def get_api_representation(self, value, context=None):
        """The heading and each question with its answer, not the snippets' ids."""
        return {
            "heading": value.get("heading"),
            "questions": [faq_representation(item) for item in value.faq_items],
        }

    def get_preview_value(self):
        """
        The block picker's sample: a few of the clinic's own shared questions, since a
        list without questions shows nothing (and a fixed sample would need their ids).
        """
        question_model = self.child_blocks["questions"].child_block.target_model
        questions = list(question_model.objects.filter(live=True).order_by("question")[:3])
        return self.normalize({"heading": _("Common questions"), "questions": questions})

    class Meta:
        icon = "help"
        label = _("Questions and answers")
        template = "treatments/blocks/faq_list_block.html"
        value_class = FaqListValue
        description = _("Shared questions with answers that open when tapped.")


class InlineQuestionValue(blocks.StructValue):
    @property
    def item(self):
        return FaqItem(question=self.get("question") or "", answer=self.get("answer").source)


PREVIEW_TEMPLATE = "clinic_site/blocks/block_preview.html"


class InlineQuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(
        label=_("Question"),
        max_length=255,
        help_text=_("Written as a patient would ask it, e.g. 'Does it hurt?'"),
    )
    answer = RichTextBlock(
        label=_("Answer"),
        features=ANSWER_FEATURES,
        help_text=_("A short, direct answer; a few sentences is usually enough."),
    )

    class Meta:
        icon = "help"
        label = _("Question written here")
        value_class = InlineQuestionValue
        template = "treatments/blocks/inline_question_block.html"
        preview_value = {
            "question": _("Can I wear make-up afterwards?"),
            "answer": _("<p>Wait until the next morning, so the skin can settle.</p>"),
        }
        description = _("A question and answer for this page only, opening when tapped.")


class SharedQuestionChooserBlock(SnippetChooserBlock):
    """A shared question chosen in a section; its preview is one of the clinic's questions."""

    def __init__(self, **kwargs):
        super().__init__("treatments.Question", **kwargs)

    def deconstruct(self):
        path, _args, kwargs = super().deconstruct()
        return path, (), kwargs

    def get_preview_value(self):
        return self.target_model.objects.filter(live=True).order_by("question").first()

    def get_context(self, value, parent_context=None):
        """The published question as an `FaqItem` (None while it is a draft)."""
        context = super().get_context(value, parent_context)
        context["item"] = FaqItem.from_question(value) if value else None
        return context

    def get_preview_context(self, value, parent_context=None):
        context = super().get_preview_context(value, parent_context)
        if value is None:
            context["preview_placeholder"] = _(
                "One of the shared questions kept under Snippets, with its answer."
            )
        return context

    class Meta:
        icon = "snippet"
        template = "treatments/blocks/shared_question_block.html"
        preview_template = PREVIEW_TEMPLATE
        description = _(
            "A question kept under Snippets and shown on several pages; editing it there "
            "changes it everywhere."
        )


class FaqSectionValue(blocks.StructValue):
    @property
    def faq_items(self):
        """The section's questions in the editor's order, as `FaqItem`s."""
        result = []
        for child in self.get("questions") or []:
            if child.block_type == "shared_question":
                item = FaqItem.from_question(child.value) if child.value else None
                if item is not None:
                    result.append(item)
            else:
                result.append(child.value.item)
        return result


class FaqSectionBlockValue(TypedDict):
    """A section's questions in the editor's order, written here or shared."""

    heading: str
    questions: list[FaqDict]


class FaqSectionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        label=_("Section heading"),
        max_length=160,
        help_text=_("e.g. 'Before your appointment' or 'Safety'."),
    )
    questions = blocks.StreamBlock(
        [
            ("question", InlineQuestionBlock()),
            (
                "shared_question",
                SharedQuestionChooserBlock(
                    label=_("Shared question"),
                    help_text=_("A question kept under Snippets, shared with other pages."),
                ),
            ),
        ],
        label=_("Questions"),
        help_text=_("Write a question here, or choose a shared one. Drag to change the order."),
    )

    def get_api_type(self):
        return FaqSectionBlockValue

    def get_api_representation(self, value, context=None):
        return {
            "heading": value.get("heading"),
            "questions": [faq_representation(item) for item in value.faq_items],
        }

    class Meta:
        icon = "list-ul"
        label = _("Section")
        value_class = FaqSectionValue
        template = "treatments/blocks/faq_section_block.html"
        preview_value = {
            "heading": _("Before your appointment"),
            "questions": [
                (
                    "question",
                    {
                        "question": _("Should I stop any medicines first?"),
                        "answer": _(
                            "<p>Tell us what you take when you book; the clinician will "
                            "say whether anything should pause.</p>"
                        ),
                    },
                ),
            ],
        }
        description = _("A heading and the questions under it, written here or shared.")


class TreatmentCardValue(blocks.StructValue):
    @property
    def treatment(self):
        page = self.get("page")
        return page.specific if page and page.live else None


class TreatmentCardBlockValue(TypedDict):
    """The chosen treatment as a card; null while it is unpublished."""

    treatment: TreatmentCardDict | None


class TreatmentCardBlock(ChosenPagePreviewMixin, blocks.StructBlock):
    preview_placeholder = _(
        "A card for one of your treatments, with its picture and key facts. Publish a "
        "treatment page to see it here."
    )

    page = blocks.PageChooserBlock(
        label=_("Treatment"),
        page_type="treatments.TreatmentPage",
        help_text=_("The treatment to show as a card with its picture, summary and key facts."),
    )

    def get_api_type(self):
        return TreatmentCardBlockValue

    def get_api_representation(self, value, context=None):
        """The card's treatment as a link with its summary, image and key facts."""
        treatment = value.treatment
        return {"treatment": treatment_card(treatment) if treatment else None}

    class Meta:
        icon = "doc-full"
        label = _("Treatment card")
        template = "treatments/blocks/treatment_card_block.html"
        preview_template = PREVIEW_TEMPLATE
        value_class = TreatmentCardValue
        description = _("A card linking to a treatment, with its key facts.")


class TreatmentStreamBlock(BaseStreamBlock):
    """The shared body blocks plus this app's questions and treatment cards."""

    faq_list = FaqListBlock()
    treatment_card = TreatmentCardBlock()


class SideEffectBlock(blocks.StructBlock):
    name = blocks.CharBlock(
        label=_("Side effect"),
        max_length=160,
        help_text=_("In plain words, e.g. 'Headache' or 'Small bruise where the needle went in'."),
    )
    detail = blocks.TextBlock(
        label=_("More about it"),
        required=False,
        max_length=400,
        help_text=_("Optional. How long it lasts and what to do, e.g. 'Settles within a day'."),
    )

    class Meta:
        icon = "warning"
        label = _("Side effect")
        template = "treatments/blocks/side_effect_block.html"
        preview_value = {
            "name": _("A small bruise where the needle went in"),
            "detail": _("Fades within a few days; a cold pack helps."),
        }
        description = _("One side effect in plain words, and what to do about it.")


class ContraindicationBlock(blocks.StructBlock):
    reason = blocks.CharBlock(
        label=_("Who"),
        max_length=200,
        help_text=_("e.g. 'People who are pregnant or breastfeeding'."),
    )
    detail = blocks.TextBlock(
        label=_("Why or what instead"),
        required=False,
        max_length=400,
        help_text=_("Optional. A short explanation, or what to do instead."),
    )

    class Meta:
        icon = "cross"
        label = _("Reason not to have it")
        template = "treatments/blocks/contraindication_block.html"
        preview_value = {
            "reason": _("People who are pregnant or breastfeeding"),
            "detail": _("Wait until you have stopped breastfeeding."),
        }
        description = _("Who should not have this treatment, and why or what instead.")


def faq_items_in(stream):
    """The questions every FAQ-list block in a StreamField value shows, in order."""
    return [
        item for child in stream if child.block_type == "faq_list" for item in child.value.faq_items
    ]
