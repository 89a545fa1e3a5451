from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClinicSiteConfig(AppConfig):
    """The project's shared core: home page, clinic settings, shared blocks."""

    name = "clinic_site"
    label = "clinic_site"
    verbose_name = _("Clinic site")
    default_auto_field = "django.db.models.BigAutoField"
