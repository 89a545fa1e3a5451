"""Custom panels of the treatments app."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import Panel


class QuestionUsagePanel(Panel):
    """
    At the top of a shared question's form: the pages its answer is shown on, with
    links, so an editor knows what a change reaches before it is published.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("Where this answer is shown"))
        super().__init__(**kwargs)

    @property
    def clean_name(self):
        return super().clean_name or "usage"

    class BoundPanel(Panel.BoundPanel):
        template_name = "treatments/admin/question_usage_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["pages"] = self.instance.get_pages_shown_on()
            return context
