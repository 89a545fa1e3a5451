"""
Staff who can see consultation requests are signed out after a while without
activity (CONSULTATIONS_STAFF_SESSION_IDLE_MINUTES), so a front-desk screen
left open does not stay open on patients' data. Other users keep Django's
usual session length.

The time of the last request is kept in the session and written at most once
a minute, so an active session is not saved on every request. A timed-out
admin request goes to the sign-in page with a message; anywhere else the
person simply continues signed out.
"""

import time

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.db import utils as db
from django.urls import NoReverseMatch, reverse
from django.utils.translation import ngettext

from . import conf

SESSION_KEY = "consultations_last_activity"
WRITE_EVERY_SECONDS = 60
# Any of these lets a user see what patients wrote.
PERMISSIONS = (
    "consultations.view_consultationrequest",
    "consultations.change_consultationrequest",
    "consultations.delete_consultationrequest",
    "consultations.manage_subject_rights",
)


def can_see_requests(user):
    return user.is_active and any(user.has_perm(permission) for permission in PERMISSIONS)


class StaffSessionTimeoutMiddleware:
    """Place after the authentication and message middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            response = self.check(request)
        except db.Error:
            # The session or the permissions cannot be read: the database is down.
            # The view meets the same error, and the site's outage page answers it
            # (an error raised here would be a 500 at this layer instead).
            response = None
        return response or self.get_response(request)

    def check(self, request):
        session = getattr(request, "session", None)
        if session is None or session.session_key is None:
            # No session cookie: nobody is signed in, so nothing can go idle. Checked
            # first because `request.user` costs every anonymous request a lookup.
            return None
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and can_see_requests(user):
            return self.check_activity(request)
        return None

    def check_activity(self, request):
        now = time.time()
        last = request.session.get(SESSION_KEY)
        minutes = conf.get("CONSULTATIONS_STAFF_SESSION_IDLE_MINUTES")
        if isinstance(last, int | float) and now - last > minutes * 60:
            logout(request)
            messages.info(
                request,
                ngettext(
                    "You were signed out after %(minutes)d minute without activity, to protect "
                    "patients' data. Sign in again to continue.",
                    "You were signed out after %(minutes)d minutes without activity, to protect "
                    "patients' data. Sign in again to continue.",
                    minutes,
                )
                % {"minutes": minutes},
            )
            return self.sign_in_again(request)
        if not isinstance(last, int | float) or now - last >= WRITE_EVERY_SECONDS:
            request.session[SESSION_KEY] = now
        return None

    def sign_in_again(self, request):
        try:
            admin_home, login_url = reverse("wagtailadmin_home"), reverse("wagtailadmin_login")
        except NoReverseMatch:
            return None
        if request.path.startswith(admin_home):
            return redirect_to_login(request.get_full_path(), login_url=login_url)
        return None
