"""
django-axes' middleware, asking whether it runs async once instead of on every request.

Axes' middleware answers a locked-out sign-in with the lockout page. To do so it
asks `iscoroutinefunction(self)` and reads `AXES_ENABLED` on every request the
site serves, pages and static files included: a few microseconds of each one's
budget for something only a sign-in can need. Here the first is decided when
the middleware is built, and the setting is read only for a request axes has
marked as locked out. Its answers are unchanged; axes' own docstring invites
this subclass.

A module of its own so that only a project with axes installed imports it
(`clinic_site.lockouts` never imports axes at import time).
"""

from django.conf import settings

from asgiref.sync import iscoroutinefunction
from axes.helpers import get_lockout_response
from axes.middleware import AxesMiddleware as BaseAxesMiddleware


class AxesMiddleware(BaseAxesMiddleware):
    """Drop-in for `axes.middleware.AxesMiddleware`; see the module's docstring."""

    def __init__(self, get_response):
        super().__init__(get_response)
        self.async_mode = iscoroutinefunction(self.get_response)

    def __call__(self, request):
        if self.async_mode:
            return self.__acall__(request)
        response = self.get_response(request)
        if getattr(request, "axes_locked_out", None) and settings.AXES_ENABLED:
            credentials = getattr(request, "axes_credentials", None)
            response = get_lockout_response(request, response, credentials)
        return response
