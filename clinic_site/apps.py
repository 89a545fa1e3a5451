from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClinicSiteConfig(AppConfig):
    """The project's shared core: home page, clinic settings, shared blocks, headless support."""

    name = "clinic_site"
    label = "clinic_site"
    verbose_name = _("Clinic site")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_save, pre_delete

        from wagtail.api.v3.api import api
        from wagtail.models import Page
        from wagtail.signals import page_published, page_unpublished

        from . import (
            checks,  # noqa: F401 - registers the system checks
            outage,
            webhooks,
        )
        from .api.v3 import errors as api_errors
        from .api.v3.router import build_preview_router
        from .models import ClinicSettings

        page_published.connect(webhooks.on_published, dispatch_uid="clinic_webhook_publish")
        page_unpublished.connect(webhooks.on_unpublished, dispatch_uid="clinic_webhook_unpublish")
        pre_delete.connect(webhooks.on_pre_delete, sender=Page, dispatch_uid="clinic_webhook_del")
        post_delete.connect(webhooks.on_post_delete, sender=Page, dispatch_uid="clinic_webhook_del")
        webhooks.register_sender()
        api.add_router("/preview/", build_preview_router())
        api_errors.register(api)
        post_save.connect(
            outage.on_clinic_settings_saved, sender=ClinicSettings, dispatch_uid="clinic_contact"
        )
