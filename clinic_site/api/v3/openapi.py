"""
Wagtail's v3 API as the clinic publishes it: typed StreamFields and a valid
OpenAPI document.

Every app that adds routes to the v3 API gets it from `wagtail_api()`, so
whichever app's `ready()` runs first, the StreamField types are in place
before Wagtail builds its page schemas (see `stream_types.register()`).

An app that must describe something the document can only know when it is
built (what a form requires under the current settings) adds a function with
`add_document_step()`: it receives the document and changes it in place.
"""

import sys

from django.core.exceptions import ImproperlyConfigured

# Wagtail builds every page's read schema when this module is first imported.
WAGTAIL_REGISTRY = "wagtail.api.v3.registry"
ANONYMOUS_SCHEME = "AllowAnonymous"

_document_steps = []


def add_document_step(step):
    """Run `step(document)` on every OpenAPI document the v3 API builds (once per function)."""
    if step not in _document_steps:
        _document_steps.append(step)


def wagtail_api():
    """Wagtail's v3 `NinjaAPI`, with the clinic's schema additions installed (once)."""
    from .. import stream_types

    if not getattr(wagtail_api, "installed", False):
        if WAGTAIL_REGISTRY in sys.modules:
            raise ImproperlyConfigured(
                "Wagtail's v3 API was imported before the clinic's apps were ready, so its "
                "StreamFields cannot be typed. Get it through "
                "clinic_site.api.v3.openapi.wagtail_api() in AppConfig.ready(), and list "
                "clinic_site before the other clinic apps in INSTALLED_APPS."
            )
        stream_types.register()
    from wagtail.api.v3.api import api

    if not getattr(wagtail_api, "installed", False):
        publish_valid_document(api)
        wagtail_api.installed = True
    return api


def publish_valid_document(api):
    """
    Have `api` publish a document that passes OpenAPI validation, finished by
    the apps' steps (`add_document_step()`).

    Wagtail's `AllowAnonymous` (the public endpoints' fallback after the bearer
    token) is an HTTP auth class without a `scheme`, which django-ninja writes
    as `{"type": "http"}`: OpenAPI requires a scheme there, so validators and
    client generators refuse the whole document. What it means is "no
    credentials needed", which OpenAPI says with an empty security requirement
    (`{}`). The document is corrected as it is built; the class and the
    requests' handling are Wagtail's, unchanged.
    """
    build = api.get_openapi_schema

    def get_openapi_schema(*args, **kwargs):
        document = without_anonymous_scheme(build(*args, **kwargs))
        for step in _document_steps:
            step(document)
        return document

    api.get_openapi_schema = get_openapi_schema


def without_anonymous_scheme(document):
    """`document` with each `AllowAnonymous` requirement written as `{}` (none needed)."""
    schemes = document.get("components", {}).get("securitySchemes", {})
    schemes.pop(ANONYMOUS_SCHEME, None)
    if not schemes:
        document.get("components", {}).pop("securitySchemes", None)
    for path in document.get("paths", {}).values():
        for operation in path.values():
            if not isinstance(operation, dict) or "security" not in operation:
                continue
            requirements = []
            for requirement in operation["security"]:
                requirement = {k: v for k, v in requirement.items() if k != ANONYMOUS_SCHEME}
                if requirement not in requirements:
                    requirements.append(requirement)
            operation["security"] = requirements
    return document
