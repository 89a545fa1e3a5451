"""
The consultations app's models, a module per kind: the form page and its
questions (`pages.py`), requests and their blind index (`requests.py`), staff notes (`notes.py`).
Everything is importable from here, as before the split.
"""

from ..choices import PREFERRED_DAY_CHOICES, PREFERRED_TIME_CHOICES
from .notes import ConsultationNote
from .pages import (
    DEFAULT_CONSENT_TEXT,
    ConsultationFormField,
    ConsultationPage,
    ConsultationPageTreatment,
    treatment_page_model,
)
from .requests import (
    AbstractConsultationRequest,
    BlindIndexEntry,
    ConsultationRequest,
    ConsultationRequestQuerySet,
)

__all__ = [
    "DEFAULT_CONSENT_TEXT",
    "PREFERRED_DAY_CHOICES",
    "PREFERRED_TIME_CHOICES",
    "AbstractConsultationRequest",
    "BlindIndexEntry",
    "ConsultationFormField",
    "ConsultationNote",
    "ConsultationPage",
    "ConsultationPageTreatment",
    "ConsultationRequest",
    "ConsultationRequestQuerySet",
    "treatment_page_model",
]
