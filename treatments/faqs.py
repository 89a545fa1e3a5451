"""
Questions and answers as pages show them, whatever they come from.

A page gathers questions from several places (its own FAQ list, shared
`Question` snippets, FAQ-list blocks in its body, the sections of an FAQ page).
Each becomes a `FaqItem`, so templates render them one way and the page's
`FAQPage` structured data lists exactly the questions the reader sees, once.
"""

import html
import re
import unicodedata
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.utils.html import strip_tags

from wagtail.models import Page, ReferenceIndex

from clinic_site import content_cache, visibility

_SPACES = re.compile(r"\s+")

# The shared question whose unpublished version a preview is showing, if any.
_previewed_question = ContextVar("previewed_question", default=None)


@contextmanager
def previewing(question):
    """
    While a shared question's preview renders a page, that page shows the version
    of the question being edited wherever it shows the question, published or not.
    """
    token = _previewed_question.set(question)
    try:
        yield
    finally:
        _previewed_question.reset(token)


def folded(text):
    """`text` in lower case, without accents and with single spaces: "Café" is "cafe"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def _plain(source):
    return _SPACES.sub(" ", html.unescape(strip_tags(source or ""))).strip()


@dataclass(frozen=True)
class FaqItem:
    question: str
    answer: str  # rich text in Wagtail's database format; render with |richtext
    question_id: int | None = None  # the shared `Question` snippet, when it is one

    @classmethod
    def from_question(cls, question):
        """
        The published version of a shared `Question`, or None while it has never
        been published: a draft answer is never shown to patients.
        """
        previewed = _previewed_question.get()
        if previewed is not None and previewed.pk == question.pk:
            question = previewed
        elif not question.live:
            return None
        return cls(question=question.question, answer=question.answer, question_id=question.pk)

    @property
    def answer_text(self):
        return _plain(self.answer)

    @property
    def key(self):
        """Two items with the same key are the same question, shown twice."""
        if self.question_id is not None:
            return ("question", self.question_id)
        return ("text", _plain(self.question).casefold())

    def matches(self, query):
        """
        Whether `query` is part of the question or answer: any part of a word, in
        any case, with or without accents (as treatments/js/faq-filter.js matches).
        """
        query = folded(query)
        return query in folded(self.question) or query in folded(self.answer_text)


def unique(items):
    """`items` without repeats, in first-seen order (a snippet also matches its own text)."""
    seen, result = set(), []
    for item in items:
        keys = {item.key, ("text", _plain(item.question).casefold())}
        if keys & seen:
            continue
        seen |= keys
        result.append(item)
    return result


def searchable_text(items):
    """
    The questions and answers of `items` as plain text, for a page's search entry:
    a patient searching "pregnant" finds the page whose answer says so, whether the
    answer was written on the page or chosen from the shared questions.
    """
    return " ".join(f"{item.question} {item.answer_text}" for item in unique(items))


def canonical_pages():
    """
    {shared question's id: id of the one page whose `FAQPage` data carries it}.
    Search engines want a question marked up once per site, while the answer is
    shown on every page that chose it: the first public question list (FAQ page)
    showing it, else the first treatment page, else the treatments index, in tree
    order. Read from Wagtail's reference index once per content change.
    """
    return content_cache.get_or_set("treatments:faq-canonical-pages", _canonical_pages)


def _canonical_pages():
    from .models import FaqPage, Question, TreatmentIndexPage, TreatmentPage

    ranks = {
        ContentType.objects.get_for_model(model).pk: rank
        for rank, model in enumerate([FaqPage, TreatmentPage, TreatmentIndexPage])
    }
    shown = (
        ReferenceIndex.objects.filter(
            to_content_type=ReferenceIndex._get_base_content_type(Question),
            base_content_type=ReferenceIndex._get_base_content_type(Page),
            content_type__in=ranks,
        )
        .values_list("object_id", "to_object_id")
        .distinct()
    )
    questions_on = {}
    for page_id, question_id in shown:
        questions_on.setdefault(int(page_id), set()).add(int(question_id))
    pages = visibility.public(Page.objects.live().filter(pk__in=questions_on))
    result = {}
    for pk, _type, _path in sorted(
        pages.values_list("pk", "content_type_id", "path"),
        key=lambda row: (ranks[row[1]], row[2]),
    ):
        for question_id in questions_on[pk]:
            result.setdefault(question_id, pk)
    return result


def question_lists_showing(question_ids):
    """
    The live, public question lists (FAQ pages) that show any of the shared
    questions with these ids, in tree order: where a reader finds the full list a
    treatment's questions come from. Two queries, from Wagtail's reference index.
    """
    from .models import FaqPage, Question

    if not question_ids:
        return []
    page_ids = ReferenceIndex.objects.filter(
        to_content_type=ReferenceIndex._get_base_content_type(Question),
        to_object_id__in=[str(pk) for pk in question_ids],
        content_type=ContentType.objects.get_for_model(FaqPage),
    ).values_list("object_id", flat=True)
    pages = FaqPage.objects.live().public().filter(pk__in=[int(pk) for pk in set(page_ids)])
    return list(pages.order_by("path"))


def marked_up_on(items, page):
    """
    `items` that `page` marks up as FAQ: its own questions, and shared ones whose
    canonical page (`canonical_pages()`) it is or that have none yet (a preview).
    """
    if page is None or page.pk is None:
        return items
    canonical = canonical_pages()
    return [
        item
        for item in items
        if item.question_id is None or canonical.get(item.question_id, page.pk) == page.pk
    ]


def faq_page_json_ld(items, page=None):
    """
    A schema.org `FAQPage` for `items` shown on `page`, or None when there is
    nothing to describe; shared questions only on their canonical page.
    """
    items = marked_up_on(unique(items), page)
    if not items:
        return None
    return {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [
            {
                "@type": "Question",
                "name": item.question,
                "acceptedAnswer": {"@type": "Answer", "text": item.answer_text},
            }
            for item in items
        ],
    }
