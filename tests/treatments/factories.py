"""Factories for the treatments app's snippets and pages."""

import factory
from factory.django import DjangoModelFactory

from tests.clinic_site.factories import make_page
from treatments.models import (
    Condition,
    FaqPage,
    Question,
    TreatmentCategory,
    TreatmentIndexPage,
    TreatmentPage,
)


class TreatmentCategoryFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")

    class Meta:
        model = TreatmentCategory


class ConditionFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Condition {n}")
    slug = factory.Sequence(lambda n: f"condition-{n}")

    class Meta:
        model = Condition


class QuestionFactory(DjangoModelFactory):
    question = factory.Sequence(lambda n: f"Shared question {n}?")
    answer = factory.Sequence(lambda n: f"<p>Shared answer {n}.</p>")

    class Meta:
        model = Question


def make_index(home, **fields):
    fields.setdefault("title", "Treatments")
    fields.setdefault("slug", "treatments")
    return make_page(home, model=TreatmentIndexPage, **fields)


def make_treatment(index, **fields):
    fields.setdefault("title", "Botox for migraines")
    fields.setdefault("slug", "botox-for-migraines")
    return make_page(index, model=TreatmentPage, **fields)


def make_faq_page(home, **fields):
    fields.setdefault("title", "Questions to ask before Botox")
    fields.setdefault("slug", "questions")
    return make_page(home, model=FaqPage, **fields)


def inline_question(question, answer):
    return {"type": "question", "value": {"question": question, "answer": answer}}


def shared_question(question):
    return {"type": "shared_question", "value": question.pk}


def section(heading, *questions):
    return {"type": "section", "value": {"heading": heading, "questions": list(questions)}}


def faq_list_block(*questions, heading=""):
    return {
        "type": "faq_list",
        "value": {"heading": heading, "questions": [q.pk for q in questions]},
    }
