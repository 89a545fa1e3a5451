"""
A clear "temporarily unavailable" answer when the database is down.

Without it a patient gets the generic error page with no way to reach the
clinic, and an API client gets HTML. With it, public pages answer 503 with the
clinic's phone number (from `outage.contact_for()`, which never reads the
database) and `/api/` answers JSON in the API's usual error shape; both say
when to retry.

Failures in a view (or its template) reach `process_exception`. Failures in a
middleware that reads or writes the database (sessions, authentication,
redirects) never reach an outer middleware as exceptions: Django turns them into
a 500 response at that layer. The `got_request_exception` signal, which Django
sends while it does so, marks the request, and `__call__` replaces that 500 with
the 503. Put this middleware before every middleware that touches the database.
"""

import logging
import sys

from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from . import outage

logger = logging.getLogger(__name__)

DATABASE_ERRORS = (OperationalError, InterfaceError)
MARKER = "clinic_database_error"


def note_database_error(sender, request=None, **kwargs):
    """Remember on the request that Django is turning a database error into a 500."""
    error = sys.exc_info()[1]
    if request is not None and isinstance(error, DATABASE_ERRORS):
        setattr(request, MARKER, error)


class DatabaseUnavailableMiddleware:
    """Answer 503 with the clinic's phone number (or JSON under /api/) when the database is down."""

    template_name = "503.html"
    api_prefix = "/api/"
    retry_after = 60  # seconds; sent as Retry-After

    def __init__(self, get_response):
        self.get_response = get_response
        # Connected here, not in AppConfig.ready(): it matters only where this
        # middleware is installed. dispatch_uid keeps one receiver per process.
        got_request_exception.connect(
            note_database_error, dispatch_uid="clinic_site_database_unavailable"
        )

    def __call__(self, request):
        response = self.get_response(request)
        error = getattr(request, MARKER, None)
        if error is not None and response.status_code >= 500:
            return self.unavailable(request, error)
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_ERRORS):
            return self.unavailable(request, exception)
        return None

    def wants_json(self, request):
        if request.path_info.startswith(self.api_prefix):
            return True
        return request.accepts("application/json") and not request.accepts("text/html")

    def unavailable(self, request, error):
        logger.error(
            "The database is unavailable (%s); answering %s %s with 503.",
            type(error).__name__,
            request.method,
            request.path_info,
            exc_info=error,
        )
        contact = outage.contact_for(request)
        sent = request.method not in ("GET", "HEAD", "OPTIONS")
        if self.wants_json(request):
            response = JsonResponse({"errors": {"__all__": [unavailable_message(contact, sent)]}})
        else:
            response = self.page(contact, sent)
        response.status_code = 503
        response["Retry-After"] = str(self.retry_after)
        add_never_cache_headers(response)
        return response

    def page(self, contact, sent):
        """
        The 503 page, rendered without the request so no context processor (the
        signed-in user, messages, site settings) can reach for the database.
        """
        context = {**contact, "sent": sent, "retry_minutes": max(1, self.retry_after // 60)}
        try:
            return HttpResponse(render_to_string(self.template_name, context))
        except TemplateDoesNotExist:
            return HttpResponse(
                unavailable_message(contact, sent), content_type="text/plain; charset=utf-8"
            )


def unavailable_message(contact, sent):
    """The answer in one paragraph: for the API, and for a site without a 503 template."""
    parts = [_("The service is unavailable for a moment.")]
    if sent:
        parts.append(_("Nothing was saved."))
    if contact["phone"]:
        parts.append(
            _("Please try again in a few minutes, or call %(clinic)s on %(phone)s.")
            % {"clinic": contact["clinic_name"], "phone": contact["phone"]}
        )
    else:
        parts.append(_("Please try again in a few minutes."))
    return " ".join(str(part) for part in parts)
