from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClinicSiteConfig(AppConfig):
    """The project's shared core: home page, clinic settings, shared blocks, headless support."""

    name = "clinic_site"
    label = "clinic_site"
    verbose_name = _("Clinic site")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_save, pre_delete

        from taggit.models import Tag
        from wagtail.images import get_image_model
        from wagtail.models import Page, PageViewRestriction, Site
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from . import (
            cache_purge,
            checks,  # noqa: F401 - registers the system checks
            content_cache,
            get_author_model,
            outage,
            renditions,
            webhooks,
        )
        from .api.v3 import errors as api_errors
        from .api.v3.detail import read_from_content_cache
        from .api.v3.openapi import wagtail_api
        from .api.v3.pagination import count_published_once
        from .api.v3.router import build_preview_router
        from .models import (
            ClinicSettings,
            PatientAuthorization,
            SearchSynonym,
            Specialty,
            Testimonial,
        )

        page_published.connect(webhooks.on_published, dispatch_uid="clinic_webhook_publish")
        page_unpublished.connect(webhooks.on_unpublished, dispatch_uid="clinic_webhook_unpublish")
        pre_delete.connect(webhooks.on_pre_delete, sender=Page, dispatch_uid="clinic_webhook_del")
        post_delete.connect(webhooks.on_post_delete, sender=Page, dispatch_uid="clinic_webhook_del")
        webhooks.register_sender()
        api = wagtail_api()  # first: the page schemas are built on import
        from wagtail.api.v3.routers.pages import router as pages_router

        # An anonymous list's total is counted once per content change; the site and a
        # page's detail come from the content cache, as when the page is served.
        pages_router.add_decorator(count_published_once)
        pages_router.add_decorator(read_from_content_cache)
        api.add_router("/preview/", build_preview_router())
        api_errors.register(api)
        post_save.connect(
            outage.on_clinic_settings_saved, sender=ClinicSettings, dispatch_uid="clinic_contact"
        )
        # Values worked out from published content (chrome, private sections, listing
        # facts) are cached until it changes.
        changed = content_cache.content_changed
        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(changed, dispatch_uid="clinic_content_changed")
        post_save.connect(content_cache.page_saved, dispatch_uid="clinic_content_page_saved")
        content_models = (
            Page,
            PageViewRestriction,
            Site,
            get_author_model(),  # bylines and reviewers
            Specialty,  # shown beside reviewers' names and on the team page
            Tag,  # shared by every app's pages
            Testimonial,  # patients' reviews on the home and treatment pages
            PatientAuthorization,  # whether reviews and before-and-after photos show
            SearchSynonym,  # what the site search finds, and its suggestions
        )
        for sender in content_models:
            post_delete.connect(changed, sender=sender, dispatch_uid="clinic_content_changed")
            post_save.connect(changed, sender=sender, dispatch_uid="clinic_content_changed")
        post_delete.connect(changed, sender=ClinicSettings, dispatch_uid="clinic_content_changed")
        post_save.connect(
            content_cache.settings_saved, sender=ClinicSettings, dispatch_uid="clinic_content"
        )
        image = get_image_model()  # cards, photos
        post_delete.connect(changed, sender=image, dispatch_uid="clinic_content_changed")
        post_save.connect(content_cache.image_saved, sender=image, dispatch_uid="clinic_content")
        # Renditions are made when a page is published or an image uploaded, never on a view.
        page_published.connect(renditions.on_published, dispatch_uid="clinic_renditions")
        post_save.connect(renditions.on_image_saved, sender=image, dispatch_uid="clinic_renditions")
        # A CDN in front of the site (wagtail.contrib.frontend_cache) is told what changed.
        for signal in (page_published, page_unpublished):
            signal.connect(cache_purge.page_changed, dispatch_uid="clinic_cdn_purge")
        post_page_move.connect(cache_purge.page_moved, dispatch_uid="clinic_cdn_purge")
        pre_delete.connect(cache_purge.page_deleted, sender=Page, dispatch_uid="clinic_cdn_purge")
        post_save.connect(cache_purge.snippet_changed, dispatch_uid="clinic_cdn_purge_snippet")
        pre_delete.connect(cache_purge.snippet_changed, dispatch_uid="clinic_cdn_purge_snippet")
