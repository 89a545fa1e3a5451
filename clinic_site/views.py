"""
Site-wide views: search, robots.txt, the favicon, the answer to a form sent
without a valid CSRF token, and media for development.
"""

import logging
import mimetypes

from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.db import DatabaseError, connection, transaction
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe

from wagtail import views as wagtail_views
from wagtail.models import Page, Site

from . import conf, routing
from .search import kept, promotions, results, suggestions, synonyms
from .text import clean_search_query

logger = logging.getLogger(__name__)


@require_safe
def search(request):
    """
    Full-text search over live, public pages, paginated; a bad page number shows
    page 1 and one past the end shows the last. The query is cleaned first
    (control characters and quotes out: see `clean_search_query()`) and widened
    with the editors' synonyms; results editors promote for it come first, and a
    mistyped word gets a "Did you mean" from the site's own words. Should the
    search backend still refuse the query, the visitor is asked to check it.
    """
    routing.remember_site(request)  # the results' addresses
    query = clean_search_query(request.GET.get("q", ""))
    context = {"search_query": query, "results": None, "search_failed": False}
    if query:
        context.update(_search(request, query))
    return TemplateResponse(
        request,
        "clinic_site/search.html",
        context,
        status=400 if context["search_failed"] else 200,
    )


def _search(request, query):
    promoted = promotions.for_query(query)
    promoted_ids = {page.pk for _promotion, page in promoted if page is not None}
    try:
        # A savepoint, so that a refused query leaves the connection usable.
        with transaction.atomic():
            page_of_results = _results_page(request, query)
            some_words = not page_of_results.paginator.count and len(query.split()) > 1
            if some_words:
                # Nothing has every word ("does it hurt" where no page says "does"):
                # the pages with some of them, said as such, beat an empty page.
                page_of_results = _results_page(request, query, any_word=True)
            found = list(page_of_results.object_list)
    except DatabaseError as error:
        if not connection.is_usable():
            raise  # the database is down: the site's "unavailable" answer, not ours
        logger.warning("Site search failed: %s.", type(error).__name__)
        return {"search_failed": True}
    first_page = page_of_results.number == 1
    return {
        "results": page_of_results,
        "some_words": some_words,
        "recommended": [
            results.for_promotion(promotion, page, request) for promotion, page in promoted
        ]
        if first_page
        else [],
        # A promoted page is listed once, among the recommended results.
        "found": [results.for_page(page, request) for page in found if page.pk not in promoted_ids],
        "suggestion": suggestions.suggest(query),
    }


def _results_page(request, query, any_word=False):
    searched = synonyms.expand(query, any_word=any_word)
    pages = Page.objects.live().public().specific().search(searched)
    # Counted and sliced once per query and content change (`search.kept`).
    paginator = Paginator(
        kept.KeptResults(pages, (searched, any_word)), conf.get("CLINIC_SEARCH_RESULTS_PER_PAGE")
    )
    return paginator.get_page(request.GET.get("page"))


def serve(request, path):
    """
    Wagtail's page serving, with the request's site and root page from the
    content cache (`routing.site_for_request()`): Wagtail would look both up.
    """
    routing.remember_site(request)
    return wagtail_views.serve(request, path)


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


def csrf_failure(request, reason=""):
    """
    CSRF_FAILURE_VIEW: a form arrived without a valid CSRF token. That is most
    often a patient whose browser blocks scripts (cached pages fetch their token
    with one, see `clinic_site.form_tokens`) or kept a page open for days, so
    they get the same form page again with what they typed and a fresh token
    when the page they sent it to can show it (a page model's
    `serve_csrf_failure()`), else a plain page with the clinic's phone number.
    Never a bare 403 and never cached.
    """
    response = _form_page_again(request)
    if response is None:
        response = TemplateResponse(request, "clinic_site/csrf_failure.html", status=403)
    add_never_cache_headers(response)
    return response


def _form_page_again(request):
    """The page's own answer to its form sent without a valid token, if it has one."""
    if request.method != "POST":
        return None
    site = Site.find_for_request(request)
    if site is None:
        return None
    components = [part for part in request.path_info.split("/") if part]
    try:
        page, args, kwargs = site.root_page.localized.specific.route(request, components)
    except Http404:
        return None
    handler = getattr(page, "serve_csrf_failure", None)
    # A private page answers through Wagtail's own checks only, never from here.
    if handler is None or not page.live or page.get_view_restrictions():
        return None
    response = handler(request, *args, **kwargs)
    if response is not None:
        response.status_code = 403
    return response
