"""
Typed serializer fields for the treatments app's `api_fields` and blocks.

Wagtail's v2 API calls them directly; its v3 API types the OpenAPI schema from
their `to_representation()` return annotations. Answers are rich text in the
API's configured format (HTML by default), like every other rich text field.
"""

from typing_extensions import TypedDict
from wagtail.api.rich_text import APIRichText

from clinic_site.api.fields import (
    ImageDict,
    PageLinkDict,
    ReadOnlyField,
    image_representation,
    page_link,
)


class FactDict(TypedDict):
    label: str
    value: str


class PriceDict(TypedDict):
    amount: str
    currency: str
    display: str


class TermDict(TypedDict):
    id: int
    name: str
    slug: str
    description: str


class FaqDict(TypedDict):
    question: str
    answer: str
    shared_question_id: int | None


class TreatmentCardDict(TypedDict):
    page: PageLinkDict
    intro: str
    image: ImageDict | None
    key_facts: list[FactDict]


class TreatmentGroupDict(TypedDict):
    category: TermDict | None
    treatments: list[TreatmentCardDict]


def rich_text(source):
    """Rich text from the database in the API's format (`WAGTAILAPI_RICH_TEXT_FORMAT`)."""
    return APIRichText.serialize(source or "", format=APIRichText.resolve_format(None))


def faq_representation(item):
    return FaqDict(
        question=item.question, answer=rich_text(item.answer), shared_question_id=item.question_id
    )


def term_representation(term):
    if term is None:
        return None
    return TermDict(id=term.pk, name=term.name, slug=term.slug, description=term.description)


def facts_representation(facts):
    return [FactDict(label=str(label), value=str(value)) for label, value in facts]


def treatment_card(page):
    """A treatment as a card shows it: link, summary, image and the key facts."""
    return TreatmentCardDict(
        page=page_link(page),
        intro=page.intro,
        image=image_representation(page.hero_image, page.hero_alt_text),
        key_facts=facts_representation(getattr(page, "key_facts", [])),
    )


class FactListField(ReadOnlyField):
    """Facts that have a value, with their units, e.g. {"label": "Downtime", "value": "None"}."""

    def to_representation(self, facts) -> list[FactDict]:
        return facts_representation(facts)


class PriceField(ReadOnlyField):
    def __init__(self, **kwargs):
        kwargs.setdefault("source", "*")
        super().__init__(**kwargs)

    def to_representation(self, page) -> PriceDict | None:
        if page.shown_price is None:  # none given, or hidden by the advertising rules
            return None
        return PriceDict(
            amount=f"{page.price_from:.2f}",
            currency=page.price_currency,
            display=str(page.price_display),
        )


class TermField(ReadOnlyField):
    """A category or condition with its name and description, not a bare id."""

    def to_representation(self, term) -> TermDict | None:
        return term_representation(term)


class TermListField(ReadOnlyField):
    def to_representation(self, terms) -> list[TermDict]:
        return [term_representation(term) for term in terms]


class FaqListField(ReadOnlyField):
    """Questions with HTML answers, written on the page or shared."""

    def to_representation(self, items) -> list[FaqDict]:
        return [faq_representation(item) for item in items]


class StringListField(ReadOnlyField):
    def to_representation(self, values) -> list[str]:
        return [str(value) for value in values]


class StringValueField(ReadOnlyField):
    def to_representation(self, value) -> str:
        return str(value)


class BooleanValueField(ReadOnlyField):
    """A property's true or false, typed as a boolean in the schema."""

    def to_representation(self, value) -> bool:
        return bool(value)


class TreatmentGroupListField(ReadOnlyField):
    """The index's treatments grouped by category, as cards, in the page's order."""

    def to_representation(self, groups) -> list[TreatmentGroupDict]:
        return [
            TreatmentGroupDict(
                category=term_representation(category),
                treatments=[treatment_card(page) for page in pages],
            )
            for category, pages in groups
        ]


class BeforeAfterDict(TypedDict):
    before: ImageDict | None
    after: ImageDict | None
    caption: str
    details: str
    sessions: int | None
    weeks_between: int | None


def before_after_representation(pair):
    """A pair with both photos and their descriptions; the authorization is never included."""
    return BeforeAfterDict(
        before=image_representation(pair.before_image, pair.before_alt),
        after=image_representation(pair.after_image, pair.after_alt),
        caption=pair.caption,
        details=pair.details,
        sessions=pair.sessions,
        weeks_between=pair.weeks_between,
    )


class BeforeAfterListField(ReadOnlyField):
    """The before-and-after pairs a treatment page shows (authorized ones only)."""

    def to_representation(self, pairs) -> list[BeforeAfterDict]:
        return [before_after_representation(pair) for pair in pairs]
