"""
Per-visitor form tokens for pages served from the shared page cache.

A page everyone is served from the cache (`clinic_site.page_cache`) cannot carry
one visitor's CSRF token. Its forms carry empty token fields instead
(`{% form_csrf_field %}`) and a `data-form-tokens` address; a small same-origin
script (`clinic_site/js/form-tokens.js`) asks that address for the tokens when
the visitor starts filling the form in (or when they send it) and fills the
fields. The core's address, `tokens()`, answers the CSRF token; an app whose
form needs more (the consultation form's signed form token) answers its own
address with the same shape: `{"field name": "value"}`.

Without JavaScript the form is sent without a token: `csrf_failure()` in
`clinic_site.views` then shows the same page again, with what the visitor typed
and a fresh token, and asks them to send it again, rather than a bare 403.
"""

from django.http import JsonResponse
from django.middleware.csrf import get_token
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe

CSRF_FIELD = "csrfmiddlewaretoken"


def token_response(values):
    """A JSON answer of field values that no cache keeps."""
    response = JsonResponse(values)
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex"
    return response


@require_safe
def tokens(request):
    """The CSRF token for this visitor (its cookie is set with the answer)."""
    return token_response({CSRF_FIELD: get_token(request)})
