"""
The dashboard panel of clinical reviewers: their own review queue.

What they approved that is now due again (or overdue), and what no clinician has
approved yet, most urgent first, with a link to the full "Content due for
medical review" report. A fixed number of queries, however long the queue.
"""

from django.utils import timezone
from django.utils.functional import cached_property

from wagtail.admin.ui.components import Component

from .models import ClinicalReviewTask
from .review import author_for
from .review_due import ReviewItem, due_items, order_due_first, review_interval_months

QUEUE_LENGTH = 10


def is_clinical_reviewer(user):
    """Member of a group that approves in an active "Clinical review" task."""
    return ClinicalReviewTask.objects.filter(active=True, groups__user=user).exists()


class ReviewQueuePanel(Component):
    name = "medical_review_queue"
    order = 80
    template_name = "clinic_site/admin/review_queue_panel.html"

    def __init__(self, request):
        self.request = request

    @cached_property
    def author(self):
        return author_for(self.request.user)

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["author"] = self.author
        if self.author is None:
            return context
        today = timezone.localdate()
        months = review_interval_months()
        queue = order_due_first(
            due_items(self.request.user, today=today, months=months, queue_of=self.author)
        )
        context["items"] = [ReviewItem.from_row(row, months, today) for row in queue[:QUEUE_LENGTH]]
        context["total"] = (
            len(context["items"]) if len(context["items"]) < QUEUE_LENGTH else queue.count()
        )
        context["months"] = months
        return context
