from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo site's content and its `load_demo_content` command (development and tests only)."""

    name = "clinic_site.demo"
    label = "clinic_demo"
    verbose_name = _("Demo content")
