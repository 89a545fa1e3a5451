"""
Who may see and change consultation requests: the model's permissions, through
Wagtail's policy, and the 403 every request view answers to anyone else.
"""

import functools

from django.core.exceptions import PermissionDenied
from django.views.defaults import permission_denied

from wagtail.permission_policies import ModelPermissionPolicy

from . import get_request_model

STAFF_PERMISSIONS = ["view", "change"]
ALL_PERMISSIONS = ["view", "change", "delete"]

permission_policy = ModelPermissionPolicy(get_request_model())


def can_see_requests(user):
    return permission_policy.user_has_any_permission(user, STAFF_PERMISSIONS)


def can_change_requests(user):
    return permission_policy.user_has_permission(user, "change")


def staff_only(view):
    """
    Answer 403 Forbidden to admin users without any permission on requests,
    before the view looks anything up (Wagtail would redirect to the dashboard,
    and a missing id would answer 404, telling them which requests exist).
    """

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if not permission_policy.user_has_any_permission(request.user, ALL_PERMISSIONS):
            return permission_denied(request, PermissionDenied())
        return view(request, *args, **kwargs)

    return wrapped
