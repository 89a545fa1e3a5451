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

        from wagtail.signals import page_published, published, unpublished

        from clinic_site.content_cache import content_changed

        from . import (
            checks,  # noqa: F401  (registers the system checks)
            search_index,
        )
        from .models import Condition, FaqPage, Question, TreatmentCategory, TreatmentPage

        # Pages' FAQ lists and terms are cached with the content (clinic_site.content_cache).
        for model in (Question, Condition, TreatmentCategory):
            for signal in (post_save, post_delete):
                signal.connect(content_changed, sender=model, dispatch_uid="treatments_content")
        # Pages' search entries carry the answers they show (treatments.search_index).
        for model in (TreatmentPage, FaqPage):
            page_published.connect(
                search_index.page_published, sender=model, dispatch_uid="treatments_search"
            )
        for signal in (published, unpublished):
            signal.connect(
                search_index.question_changed, sender=Question, dispatch_uid="treatments_search"
            )
