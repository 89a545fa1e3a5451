from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BlogConfig(AppConfig):
    """Articles with authors, categories, tags, feeds and moderated comments."""

    name = "blog"
    label = "blog"
    verbose_name = _("Blog")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from clinic_site.content_cache import content_changed

        from . import checks  # noqa: F401 - registers the system checks
        from .models import BlogCategory, BlogComment

        # Categories and approved comments are cached with the content (clinic_site.content_cache).
        for signal in (post_save, post_delete):
            signal.connect(content_changed, sender=BlogCategory, dispatch_uid="blog_categories")
        post_delete.connect(content_changed, sender=BlogComment, dispatch_uid="blog_comments")
        post_save.connect(comment_saved, sender=BlogComment, dispatch_uid="blog_comments")


def comment_saved(sender, instance, created, **kwargs):
    """A new pending comment shows nowhere yet; any other change may show or hide one."""
    from clinic_site.content_cache import content_changed

    if not (created and instance.status != instance.Status.APPROVED):
        content_changed()
