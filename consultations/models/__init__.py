"""
The consultations app's models, a module per kind: the form page and its
questions (`pages.py`), requests and their blind index (`requests.py`).
Everything is importable from here, as before the split.
"""

from ..choices import PREFERRED_DAY_CHOICES, PREFERRED_TIME_CHOICES
from .pages import (
    DEFAULT_CONSENT_TEXT,
    DEFAULT_EMERGENCY_NOTICE,
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
    "DEFAULT_EMERGENCY_NOTICE",
    "PREFERRED_DAY_CHOICES",
    "PREFERRED_TIME_CHOICES",
    "AbstractConsultationRequest",
    "BlindIndexEntry",
    "ConsultationFormField",
    "ConsultationPage",
    "ConsultationPageTreatment",
    "ConsultationRequest",
    "ConsultationRequestQuerySet",
    "treatment_page_model",
]
