"""
Consultation requests for a clinic: the form page patients fill in and the
admin where the front desk triages what it captures.

A host project that needs more on a request subclasses
`consultations.models.AbstractConsultationRequest` and names its model in
`CONSULTATIONS_REQUEST_MODEL`; code that works with requests asks
`get_request_model()` rather than importing `ConsultationRequest`, as Wagtail's
`get_image_model()` does for images (docs/consultations.md).
"""

from django.core.exceptions import ImproperlyConfigured


def get_request_model_string():
    """The dotted "app_label.ModelName" of the request model, for foreign keys."""
    from . import conf

    return conf.get("CONSULTATIONS_REQUEST_MODEL")


def get_request_model():
    """The model consultation requests are stored in (`CONSULTATIONS_REQUEST_MODEL`)."""
    from django.apps import apps

    model_string = get_request_model_string()
    try:
        return apps.get_model(model_string, require_ready=False)
    except ValueError as error:
        raise ImproperlyConfigured(
            "CONSULTATIONS_REQUEST_MODEL must be of the form 'app_label.ModelName'."
        ) from error
    except LookupError as error:
        raise ImproperlyConfigured(
            f"CONSULTATIONS_REQUEST_MODEL refers to {model_string!r}, which is not installed."
        ) from error
