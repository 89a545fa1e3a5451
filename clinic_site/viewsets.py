"""
Patient authorizations in the admin: the list, recording one, and withdrawing
it, for staff with the model's permissions only (the front desk by default;
see docs/editing.md). Registered in `wagtail_hooks.py`.

A withdrawn authorization is history: it cannot be edited again, only looked at.
"""

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.models import CreateView, EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button, ListingButton

from . import withdrawal
from .models import PatientAuthorization


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional)"),
        max_length=200,
        required=False,
        help_text=_("For the history, e.g. 'Patient asked by phone'. No health details or names."),
    )


class AuthorizationIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.withdrawn_at is None and self.permission_policy.user_has_permission(
            self.request.user, "change"
        ):
            buttons.append(
                ListingButton(
                    _("Withdraw"),
                    url=reverse("patient_authorizations:withdraw", args=[quote(instance.pk)]),
                    icon_name="cross",
                    priority=40,
                )
            )
        return buttons

    def get_edit_url(self, instance):
        return None if instance.withdrawn_at else super().get_edit_url(instance)


class AuthorizationCreateView(CreateView):
    def save_instance(self):
        self.form.instance.recorded_by = self.request.user
        return super().save_instance()


class AuthorizationEditView(EditView):
    def dispatch(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.object.withdrawn_at is not None:
            messages.info(request, _("This authorization was withdrawn; it cannot be changed."))
            return redirect("patient_authorizations:inspect", quote(self.object.pk))
        return super().dispatch(request, *args, **kwargs)

    @property
    def header_more_buttons(self):
        buttons = super().header_more_buttons
        buttons.append(
            Button(
                _("Withdraw"),
                url=reverse("patient_authorizations:withdraw", args=[quote(self.object.pk)]),
                icon_name="cross",
                priority=40,
            )
        )
        return buttons


class WithdrawView(WagtailAdminTemplateMixin, FormView):
    """
    Confirm, then withdraw: lists what will be taken down (the pages and how many
    photos and reviews), so staff know what the one click does.
    """

    form_class = WithdrawForm
    template_name = "clinic_site/admin/withdraw_authorization.html"
    page_title = _("Withdraw authorization")
    header_icon = "cross"
    permission_policy = None

    def dispatch(self, request, pk):
        if not self.permission_policy.user_has_permission(request.user, "change"):
            raise PermissionDenied
        self.object = get_object_or_404(PatientAuthorization, pk=unquote(pk))
        if self.object.withdrawn_at is not None:
            messages.info(request, _("This authorization was already withdrawn."))
            return redirect("patient_authorizations:inspect", quote(self.object.pk))
        return super().dispatch(request, pk)

    def get_page_subtitle(self):
        return str(self.object)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        items = self.object.dependents
        pages = {}
        for item in items:
            for page in item.pages_showing():
                pages[page.pk] = page
        context.update(
            authorization=self.object,
            items=items,
            pages=sorted(pages.values(), key=lambda page: page.title),
        )
        return context

    def form_valid(self, form):
        done = withdrawal.withdraw(self.object, self.request.user, form.cleaned_data["reason"])
        messages.success(
            self.request,
            _(
                "Authorization %(ref)s withdrawn: %(items)d item(s) taken down, %(images)d "
                "photo(s) deleted, %(pages)d page(s) updated."
            )
            % {"ref": self.object.reference, **done},
        )
        return redirect("patient_authorizations:inspect", quote(self.object.pk))


class PatientAuthorizationViewSet(ModelViewSet):
    model = PatientAuthorization
    name = "patient_authorizations"
    icon = "lock"
    menu_label = _("Authorizations")
    menu_order = 260
    add_to_admin_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False
    index_view_class = AuthorizationIndexView
    add_view_class = AuthorizationCreateView
    edit_view_class = AuthorizationEditView
    search_fields = ["reference", "patient_record"]
    list_filter = ["covers_website", "covers_social"]
    list_display = [
        "reference",
        DateColumn("given_on", label=_("Given on")),
        Column("scope", label=_("Covers"), accessor="scope_display"),
        DateColumn("expires_on", label=_("Expires on")),
        Column("status", label=_("Status"), accessor="status"),
    ]
    inspect_view_fields = [
        "reference",
        "patient_record",
        "given_on",
        "covers_website",
        "covers_social",
        "expires_on",
        "notes",
        "recorded_by",
        "recorded_at",
        "withdrawn_at",
        "withdrawn_by",
        "withdrawal_reason",
    ]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "withdraw/<str:pk>/",
                WithdrawView.as_view(permission_policy=self.permission_policy),
                name="withdraw",
            ),
        ]
