"""Custom panels shared by the apps."""

from django.apps import apps

from wagtail.admin.panels import FieldPanel, PageChooserPanel
from wagtail.admin.widgets import AdminPageChooser


class PageTypeChooserPanel(PageChooserPanel):
    """
    A page chooser restricted to page types named by string ("treatments.TreatmentPage").

    Unlike Wagtail's `PageChooserPanel`, it keeps working where the app that
    provides a named type is not installed: that type is dropped, and when none
    is left any page may be chosen. This is what lets one app link to another's
    pages without importing it, and be plugged into a project without it.
    """

    def get_form_options(self):
        page_type = self.page_type
        if isinstance(page_type, str):
            page_type = [page_type]
        installed = [name for name in page_type or [] if is_installed(name)]
        opts = FieldPanel.get_form_options(self)
        if installed or self.can_choose_root:
            opts.setdefault("widgets", {})[self.field_name] = AdminPageChooser(
                target_models=installed or None, can_choose_root=self.can_choose_root
            )
        return opts


def is_installed(model_string):
    """Whether the model named "app_label.ModelName" exists here (its app is installed)."""
    if not isinstance(model_string, str):
        return True
    try:
        apps.get_model(model_string)
    except (LookupError, ValueError):
        return False
    return True
