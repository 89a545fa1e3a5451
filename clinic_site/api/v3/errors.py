"""
What the v3 API answers when something fails on our side.

Wagtail's v3 API re-raises unexpected exceptions outside DEBUG (Django then
renders the site's HTML error page), puts their text in the body in DEBUG, and
answers a failure while building a response (a page's URL needing the cache or
the database that is down) as a 422 "validation" error whose message carries the
exception's text, a server address included. A front end needs JSON it can act
on, and a client must never read internals. So:

- the database being unreachable is left to `DatabaseUnavailableMiddleware`,
  which answers every URL's outage the same way (JSON 503 with the clinic's
  phone number under /api/);
- every other unexpected exception answers a fixed problem+json body: 503 with
  Retry-After when a service the site depends on (the database, Redis) failed,
  as a retry will likely work; 500 otherwise;
- a validation error raised while building the *response* is treated the same
  way; a request's own invalid input still gets Wagtail's 422 with its details.

The exception is logged with its traceback for the operators, as Django logs a 500.
"""

import logging

from django.db import DatabaseError
from django.utils.translation import gettext as _

from ninja.errors import ValidationError as NinjaValidationError
from pydantic import ValidationError as PydanticValidationError
from wagtail.api.v3.errors import problem_response

from clinic_site.middleware import DATABASE_ERRORS

logger = logging.getLogger("django.request")

UNAVAILABLE = (DatabaseError, ConnectionError, TimeoutError)
# Redis's errors, known by their package: a project without Redis need not install it.
UNAVAILABLE_PACKAGES = {"redis", "django_redis"}
# How those failures read inside a validation error, where only their text survives.
UNAVAILABLE_NAMES = (
    "ConnectionError",
    "ConnectionInterrupted",
    "TimeoutError",
    "OperationalError",
    "InterfaceError",
    "CircuitOpen",
)
RETRY_AFTER_SECONDS = 30


def server_error(request, exc, *, unavailable):
    logger.error(
        "Unexpected error in the API: %s %s",
        request.method,
        request.path,
        exc_info=(type(exc), exc, exc.__traceback__),
        extra={"status_code": 503 if unavailable else 500, "request": request},
    )
    if unavailable:
        response = problem_response(
            status=503,
            detail=_("The service is temporarily unavailable. Please try again shortly."),
        )
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return problem_response(status=500, detail=_("Something went wrong on our side."))


def is_unavailable(exc):
    return isinstance(exc, UNAVAILABLE) or any(
        cls.__module__.partition(".")[0] in UNAVAILABLE_PACKAGES for cls in type(exc).__mro__
    )


def unexpected_error(request, exc):
    if isinstance(exc, DATABASE_ERRORS):
        # One answer to a database outage site-wide: DatabaseUnavailableMiddleware's
        # JSON 503, which gives the clinic's phone number.
        raise exc
    return server_error(request, exc, unavailable=is_unavailable(exc))


def failed_while_building_the_response(errors):
    """Pydantic errors from serializing the answer, not from reading the request."""
    return [
        error
        for error in errors
        if error.get("type") == "get_attribute_error"
        or tuple(error.get("loc", ()))[:1] == ("response",)
    ]


def register(api):
    """Install the handlers on the v3 API (`clinic_site.apps` calls this once)."""
    # Wagtail's own handlers, kept for a request's invalid input. django-ninja has
    # no public getter; its handler table has been `_exception_handlers` since 0.x.
    validation_handlers = {
        cls: api._exception_handlers[cls] for cls in (PydanticValidationError, NinjaValidationError)
    }

    def validation_error(request, exc):
        errors = exc.errors() if isinstance(exc, PydanticValidationError) else exc.errors
        ours = failed_while_building_the_response(errors)
        if not ours:
            handler = next(h for cls, h in validation_handlers.items() if isinstance(exc, cls))
            return handler(request, exc)
        unavailable = any(
            str(error.get("ctx", {}).get("error", "")).startswith(UNAVAILABLE_NAMES)
            for error in ours
        )
        return server_error(request, exc, unavailable=unavailable)

    api.add_exception_handler(PydanticValidationError, validation_error)
    api.add_exception_handler(NinjaValidationError, validation_error)
    api.add_exception_handler(Exception, unexpected_error)
