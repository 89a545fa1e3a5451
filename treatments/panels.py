"""Custom panels of the treatments app."""

from django.utils.functional import cached_property
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


class AuthorizationStatusPanel(Panel):
    """
    At the top of a before-and-after pair in the page editor: a warning when the
    pair is not shown because its patient's authorization was withdrawn, has
    expired or does not cover the website, so a row taken down by the front desk
    does not look like a normal one. Says nothing about the patient or the
    authorization beyond its reference and why it no longer applies.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("Status"))
        super().__init__(**kwargs)

    @property
    def clean_name(self):
        return super().clean_name or "authorization_status"

    class BoundPanel(Panel.BoundPanel):
        template_name = "treatments/admin/authorization_status_panel.html"

        @cached_property
        def problem(self):
            """Why this saved pair is not shown on the page, or "" when it is (or is new)."""
            pair = self.instance
            if pair is None or pair.pk is None or not pair.authorization_id:
                return ""
            authorization = pair.authorization
            return authorization.problem_for(pair.authorization_scope) if authorization else ""

        @property
        def withdrawn(self):
            return bool(self.problem) and self.instance.authorization.withdrawn_at is not None

        def is_shown(self):
            return bool(self.problem)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["problem"] = self.problem
            context["withdrawn"] = self.withdrawn
            return context
