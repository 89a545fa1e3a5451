"""
django-csp's middleware with the policy built once per process.

django-csp builds the `Content-Security-Policy` header from the settings on every
response, twice (the policy and the report-only one): on a constant page that
was the largest single cost of the site's own middleware. The site's policy is
the same for every response unless a view changes it (django-csp's decorators)
or a template asks for a nonce; this builds it once and leaves those responses
to django-csp as before. Changed settings (tests) build it again.

Nonces: django-csp makes a lazy `request.csp_nonce` for every request, in case
a template asks for one; that object was the largest cost left. Here a request
gets it only when the site's policy (or its report-only one) names
`csp.constants.NONCE` in a directive, the only case in which a nonce reaches
the header the whole site sends. A view that adds a nonce to its own policy
with django-csp's decorators needs `NONCE` in the site's policy too (harmless:
django-csp leaves it out of a response whose template asked for none).
"""

import functools

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

from csp.constants import HEADER, HEADER_REPORT_ONLY, NONCE
from csp.middleware import CheckableLazyObject
from csp.middleware import CSPMiddleware as BaseCSPMiddleware
from csp.utils import build_policy

# Response attributes through which django-csp's decorators change one response's policy.
OVERRIDES = frozenset(
    {
        "_csp_config",
        "_csp_update",
        "_csp_replace",
        "_csp_config_ro",
        "_csp_update_ro",
        "_csp_replace_ro",
    }
)
HEADERS = (
    (HEADER, False, "_csp_exempt", "CONTENT_SECURITY_POLICY"),
    (HEADER_REPORT_ONLY, True, "_csp_exempt_ro", "CONTENT_SECURITY_POLICY_REPORT_ONLY"),
)

_built = {}


@receiver(setting_changed)
def _forget(setting, **kwargs):
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        _built.clear()


def _nonce_named():
    """Whether a site policy names `NONCE` in a directive (read once, as the policy)."""
    if "nonce" not in _built:
        policies = [getattr(settings, setting, None) or {} for *_, setting in HEADERS]
        directives = [
            values for policy in policies for values in (policy.get("DIRECTIVES") or {}).values()
        ]
        _built["nonce"] = any(
            NONCE in (values if isinstance(values, (list, tuple, set)) else [values])
            for values in directives
        )
    return _built["nonce"]


def _policy(report_only, setting):
    """The header's value and the path prefixes it is left off, built once."""
    if report_only not in _built:
        prefixes = (getattr(settings, setting, None) or {}).get("EXCLUDE_URL_PREFIXES") or ()
        _built[report_only] = (build_policy(report_only=report_only), tuple(prefixes))
    return _built[report_only]


@functools.cache
def _nonce_after_response(middleware):
    return CheckableLazyObject(middleware._csp_nonce_post_response)


class CSPMiddleware(BaseCSPMiddleware):
    """Drop-in for `csp.middleware.CSPMiddleware`; see the module's docstring."""

    def process_request(self, request):
        if _nonce_named():
            super().process_request(request)

    def process_response(self, request, response):
        # A decorator's attribute, even one set to nothing, sends the response the
        # long way (django-csp's own), which is right for it in any case.
        personal = getattr(request, "_csp_nonce", None) is not None or not OVERRIDES.isdisjoint(
            vars(response)
        )
        if personal or settings.DEBUG:
            return super().process_response(request, response)
        for header, report_only, exempt, setting in HEADERS:
            value, prefixes = _policy(report_only, setting)
            if not value or header in response or getattr(response, exempt, False):
                continue
            if not request.path_info.startswith(prefixes):
                response[header] = value
        # As django-csp does: a nonce asked for after the header is written is an error
        # (one object for every request: it never holds a value, it raises).
        if _nonce_named():
            request.csp_nonce = _nonce_after_response(self)
        return response
