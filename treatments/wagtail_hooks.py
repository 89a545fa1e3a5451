"""Admin wiring: the treatments app's snippets, grouped under one menu item."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Condition, Question, TreatmentCategory


class QuestionViewSet(SnippetViewSet):
    model = Question
    icon = "help"
    menu_label = _("Shared questions")
    list_display = ["question", Column("topic_list", label=_("Topics"))]
    ordering = ["question"]

    def get_queryset(self, request):
        return Question.objects.prefetch_related("topics")


class TreatmentCategoryViewSet(SnippetViewSet):
    model = TreatmentCategory
    icon = "folder-open-inverse"
    menu_label = _("Categories")
    list_display = ["name", "slug", "sort_order"]


class ConditionViewSet(SnippetViewSet):
    model = Condition
    icon = "tag"
    menu_label = _("Conditions")
    list_display = ["name", "slug"]


class TreatmentsViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Treatments")
    menu_icon = "doc-full"
    menu_order = 250
    items = (QuestionViewSet, TreatmentCategoryViewSet, ConditionViewSet)


register_snippet(TreatmentsViewSetGroup)
