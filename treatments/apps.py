from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TreatmentsConfig(AppConfig):
    """Treatment pages with structured facts, reusable questions and FAQ question lists."""

    name = "treatments"
    label = "treatments"
    verbose_name = _("Treatments")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)
