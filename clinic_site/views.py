"""Site-wide views: search, robots.txt, the favicon, and media for development."""

import mimetypes

from django.core.files.storage import default_storage
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.views.decorators.http import require_safe

from wagtail.models import Page

from . import conf


@require_safe
def search(request):
    """Full-text search over live, public pages, paginated; a bad page number shows page 1."""
    query = request.GET.get("q", "").strip()[:200]
    results = None
    if query:
        pages = Page.objects.live().public().specific().search(query)
        paginator = Paginator(pages, conf.get("CLINIC_SEARCH_RESULTS_PER_PAGE"))
        try:
            results = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            results = paginator.page(1)
        except EmptyPage:
            results = paginator.page(paginator.num_pages)
    return TemplateResponse(
        request, "clinic_site/search.html", {"search_query": query, "results": results}
    )


@require_safe
def robots_txt(request):
    return TemplateResponse(
        request, "clinic_site/robots.txt", content_type="text/plain; charset=utf-8"
    )


@require_safe
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says; send them to the static file."""
    return redirect(static("clinic_site/img/favicon.ico"), permanent=True)


@require_safe
def media(request, path):
    """
    Serve uploaded media from the default storage in development and tests
    (SERVE_MEDIA). Production serves media from the web server or object storage.
    """
    if not default_storage.exists(path):
        raise Http404(path)
    content_type, _ = mimetypes.guess_type(path)
    return FileResponse(default_storage.open(path), content_type=content_type)
