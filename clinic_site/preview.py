"""
Preview for a headless front end.

When CLINIC_HEADLESS_FRONTEND_URL is set, the admin's preview of a page stores
a snapshot (`PagePreview`) and sends the preview pane to the front end's
`/preview` address with a signed token. The front end fetches the draft with
`GET /api/v3/preview/?token=...` within CLINIC_HEADLESS_PREVIEW_TTL seconds.
This is the small equivalent of wagtail-headless-preview, whose releases do not
declare Wagtail 8 support, and it serves the v3 API's page schema.
"""

import datetime
from urllib.parse import urlencode

from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.shortcuts import redirect
from django.utils import timezone

from . import conf
from .models import PagePreview

SALT = "clinic_site.preview"


class PreviewTokenError(Exception):
    """The token is malformed, forged, expired, or its snapshot is gone."""


def frontend_url():
    return conf.get("CLINIC_HEADLESS_FRONTEND_URL").rstrip("/")


def create_preview(page):
    """Store a snapshot of `page` and return a signed token for it."""
    ttl = conf.get("CLINIC_HEADLESS_PREVIEW_TTL")
    PagePreview.objects.filter(
        created_at__lt=timezone.now() - datetime.timedelta(seconds=ttl)
    ).delete()
    preview = PagePreview.objects.create(
        content_type=ContentType.objects.get_for_model(page.specific_class or type(page)),
        page=page if page.pk else None,
        content_json=page.serializable_data(),
    )
    return signing.TimestampSigner(salt=SALT).sign(str(preview.pk))


def page_for_token(token):
    """The previewed page for a valid token; `PreviewTokenError` otherwise."""
    try:
        preview_id = signing.TimestampSigner(salt=SALT).unsign(
            token, max_age=conf.get("CLINIC_HEADLESS_PREVIEW_TTL")
        )
    except signing.BadSignature as error:  # includes SignatureExpired
        raise PreviewTokenError(str(error)) from error
    preview = PagePreview.objects.filter(pk=preview_id).select_related("content_type").first()
    if preview is None:
        raise PreviewTokenError("This preview no longer exists.")
    return preview.as_page()


def serve_headless_preview(page):
    """Send the admin's preview pane to the front end, which fetches the draft by token."""
    token = create_preview(page)
    query = urlencode({"token": token, "type": page._meta.label})
    return redirect(f"{frontend_url()}/preview?{query}")
