"""Forms of the shared core's admin wiring."""

from django import forms

from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm

from .lockouts import lockout_message


class LoginForm(WagtailLoginForm):
    """
    Wagtail's login form (WAGTAILADMIN_USER_LOGIN_FORM) that says so when the
    sign-in is locked, instead of "user name and password didn't match", which
    would send the person on guessing a password that can no longer work.
    """

    def get_invalid_login_error(self):
        if getattr(self.request, "axes_locked_out", False):
            return forms.ValidationError(lockout_message(), code="locked")
        return super().get_invalid_login_error()
