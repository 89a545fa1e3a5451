from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    """The consultation form page and the requests it captures, with their admin."""

    name = "consultations"
    label = "consultations"
    verbose_name = _("Consultations")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from clinic_site.api.v3.openapi import add_document_step, wagtail_api

        from . import (
            checks,  # noqa: F401 - registers the system checks
            notifications,
            reminders,
        )
        from .api.v3.router import describe_request_body, router

        notifications.register_senders()
        reminders.register_senders()
        # Before the v3 API's URLs are first built; see docs/api.md.
        wagtail_api().add_router("/consultations/", router)
        add_document_step(describe_request_body)
