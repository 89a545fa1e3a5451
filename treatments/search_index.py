"""
Pages' search entries follow the questions they show.

A treatment page or question list indexes the answers it shows
(`faq_search_text()`), but Wagtail indexes a page when the page row is saved,
before its FAQ list is, and never when a shared question it shows is
published. These receivers index the page again once everything is saved.
"""

from wagtail.search.tasks import insert_or_update_object_task


def _reindex(page):
    insert_or_update_object_task.enqueue(page._meta.app_label, page._meta.model_name, str(page.pk))


def page_published(sender, instance, **kwargs):
    """A treatment page or question list was published: index it with its saved FAQ list."""
    _reindex(instance)


def question_changed(sender, instance, **kwargs):
    """A shared question was published or unpublished: index the pages that show it."""
    for page in instance.get_pages_shown_on():
        _reindex(page)
