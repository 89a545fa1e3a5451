"""
Treatments and question lists.

`TreatmentIndexPage` lists treatments grouped by `TreatmentCategory`;
`TreatmentPage` carries a treatment's facts as real fields, its side effects,
who should not have it and its FAQs; `FaqPage` is a list of questions in
sections. `Question` is a snippet any page can reuse, so an answer is edited
once. Import models from here (`treatments.models`), not from the modules
below it, which are split by kind and may move.
"""

from .before_after import TreatmentBeforeAfter
from .faq_page import FaqPage
from .index_page import TreatmentIndexPage
from .questions import Question, QuestionTopic, TreatmentFaq
from .taxonomy import Condition, TreatmentCategory
from .treatment_page import TreatmentPage

__all__ = [
    "Condition",
    "FaqPage",
    "Question",
    "QuestionTopic",
    "TreatmentBeforeAfter",
    "TreatmentCategory",
    "TreatmentFaq",
    "TreatmentIndexPage",
    "TreatmentPage",
]
