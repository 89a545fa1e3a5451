from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TreatmentsConfig(AppConfig):
    """Treatment pages with structured facts, reusable questions and FAQ question lists."""

    name = "treatments"
    label = "treatments"
    verbose_name = _("Treatments")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from clinic_site.content_cache import content_changed

        from . import checks  # noqa: F401  (registers the system checks)
        from .models import Condition, Question, TreatmentCategory

        # Pages' FAQ lists and terms are cached with the content (clinic_site.content_cache).
        for model in (Question, Condition, TreatmentCategory):
            for signal in (post_save, post_delete):
                signal.connect(content_changed, sender=model, dispatch_uid="treatments_content")
