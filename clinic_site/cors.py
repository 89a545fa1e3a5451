"""
django-cors-headers' middleware, with its "does this path want CORS?" made cheap.

The site answers cross-origin requests on the API only (`CORS_URLS_REGEX`), yet
django-cors-headers reads that setting through its settings object, matches it
and sends its `check_request_enabled` signal for every request, pages and
static files included: a few microseconds of every request's budget. Here the
pattern is compiled once (again when the setting changes), the signal is sent
only when something listens to it, and a request it does not concern goes
straight on. What it answers, and to whom, is unchanged.
"""

import functools
import re

from django.core.signals import setting_changed
from django.dispatch import receiver

from corsheaders.conf import conf
from corsheaders.middleware import CorsMiddleware as BaseCorsMiddleware
from corsheaders.signals import check_request_enabled


@functools.cache
def _urls_regex():
    return re.compile(conf.CORS_URLS_REGEX)


@receiver(setting_changed)
def _forget(setting, **kwargs):
    if setting == "CORS_URLS_REGEX":
        _urls_regex.cache_clear()


class CorsMiddleware(BaseCorsMiddleware):
    """Drop-in for `corsheaders.middleware.CorsMiddleware`; see the module's docstring."""

    def __call__(self, request):
        if self.async_mode or self.is_enabled(request):
            return super().__call__(request)
        return self.get_response(request)

    def is_enabled(self, request):
        if _urls_regex().match(request.path_info):
            return True
        return check_request_enabled.has_listeners() and self.check_signal(request)
