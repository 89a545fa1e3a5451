"""
Admin sign-in lockout (django-axes): what a locked-out person sees, and how a
superuser sees and lifts locks in Wagtail's admin.

Axes counts failed sign-ins per user name and client address (settings in
`settings/base.py`). The project has no `django.contrib.admin`, so axes' own
admin pages are not available; "Settings → Locked sign-ins" replaces them and
`manage.py axes_reset_username` stays available from the command line.

Axes is the host project's choice, not a dependency of the apps: this module
imports it only when called, and `wagtail_hooks.py` adds the admin page only
when "axes" is in INSTALLED_APPS.
"""

from django.conf import settings
from django.contrib import messages
from django.db.models import Max, Sum
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from wagtail.admin.auth import user_passes_test
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

LOCKOUT_STATUS = 429
superuser_required = user_passes_test(lambda user: user.is_superuser)


def minutes(period):
    return max(1, round(period.total_seconds() / 60)) if period else None


def cool_off():
    """How long a lock lasts after the last failure (AXES_COOLOFF_TIME), or None: for ever."""
    from axes.helpers import get_cool_off

    return get_cool_off()


def lockout_message():
    """The sentence a locked-out person reads: what happened, when it ends, whom to ask."""
    period = cool_off()
    if period:
        count = minutes(period)
        return ngettext(
            "This account is locked after too many failed sign-in attempts from your "
            "network. Try again in %(minutes)d minute, or ask a site administrator (a "
            "person who manages users in this admin) to unlock it.",
            "This account is locked after too many failed sign-in attempts from your "
            "network. Try again in %(minutes)d minutes, or ask a site administrator (a "
            "person who manages users in this admin) to unlock it.",
            count,
        ) % {"minutes": count}
    return _(
        "This account is locked after too many failed sign-in attempts from your network. "
        "Ask a site administrator (a person who manages users in this admin) to unlock it."
    )


def lockout_response(request, original_response=None, credentials=None):
    """
    AXES_LOCKOUT_CALLABLE: keep the page the view rendered (the admin's login page,
    whose form already shows `lockout_message()`), marked 429 so scripts and logs
    see a lockout; anything else gets the message as plain text.
    """
    if original_response is not None and original_response.get("Content-Type", "").startswith(
        "text/html"
    ):
        original_response.status_code = LOCKOUT_STATUS
        return original_response
    return HttpResponse(
        lockout_message(), status=LOCKOUT_STATUS, content_type="text/plain; charset=utf-8"
    )


def locked_sign_ins(now=None):
    """
    User name and address pairs locked right now, newest first: failures within
    the cool-off period add up to at least AXES_FAILURE_LIMIT.
    """
    from axes.models import AccessAttempt

    attempts = AccessAttempt.objects.all()
    period = cool_off()
    if period:
        attempts = attempts.filter(attempt_time__gte=(now or timezone.now()) - period)
    return (
        attempts.values("username", "ip_address")
        .annotate(failures=Sum("failures_since_start"), last_attempt=Max("attempt_time"))
        .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
        .order_by("-last_attempt", "username")
    )


@method_decorator(superuser_required, name="dispatch")
class LockedSignInsView(WagtailAdminTemplateMixin, TemplateView):
    """Settings → Locked sign-ins: every locked user name and address, with "Unlock"."""

    page_title = gettext_lazy("Locked sign-ins")
    header_icon = "lock"
    template_name = "clinic_site/admin/locked_sign_ins.html"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "locks": locked_sign_ins(),
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "cool_off_minutes": minutes(cool_off()),
        }


@superuser_required
@require_POST
def unlock(request):
    """Lift the lock on one user name and address (both required, so one click frees one pair)."""
    from axes.utils import reset

    username = request.POST.get("username", "")
    ip_address = request.POST.get("ip_address", "")
    if username and ip_address and reset(ip=ip_address, username=username):
        messages.success(
            request,
            _("%(username)s can sign in again from %(address)s.")
            % {"username": username, "address": ip_address},
        )
    else:
        messages.error(request, _("That sign-in was not locked; nothing changed."))
    return redirect("clinic_locked_sign_ins")
