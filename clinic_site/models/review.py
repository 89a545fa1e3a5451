"""The "Clinical review" workflow step: the only approval that names a medical reviewer."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from wagtail.models import AbstractGroupApprovalTask


class ClinicalReviewTask(AbstractGroupApprovalTask):
    """
    A workflow step that clinicians approve. Approving names the clinician's own
    author record as the medical reviewer and today as the review date, in the
    revision that is then published (see `clinic_site.review`); so only members of
    the chosen groups who are linked to an author record may approve. Other
    members may request changes. Administrators are not clinicians: unless they
    are in a chosen group they see no approve button (they can still publish, and
    that is logged).
    """

    class Meta:
        verbose_name = _("clinical review task")
        verbose_name_plural = _("clinical review tasks")

    def get_actions(self, obj, user):
        from ..review import author_for

        if not self._user_in_groups(user):
            return []
        actions = [("reject", _("Request changes"), True)]
        if author_for(user) is not None:
            actions += [
                ("approve", _("Approve"), False),
                ("approve", _("Approve with comment"), True),
            ]
        return actions

    def get_task_states_user_can_moderate(self, user, **kwargs):
        if self._user_in_groups(user):
            return self.task_states.filter(status="in_progress")
        return self.task_states.none()

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "approve":
            from ..review import author_for, record_approval

            author = author_for(user)
            if author is None or not self._user_in_groups(user):
                raise PermissionDenied(_("Only a clinical reviewer can approve this."))
            record_approval(task_state.workflow_state.content_object, author)
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return _(
            "Members of the chosen groups who are linked to an author record approve "
            "health content; approving names them as its medical reviewer, with today's date."
        )
