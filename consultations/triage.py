"""
What the front desk changes on a request: status, who looks after it, when to
follow it up, and notes. One place for all of it, used by the request's page
and by the listing's bulk actions, so every change is written the same way:
only the triage columns (a patient's corrected version saved meanwhile is never
overwritten) and one audit entry per change and request, never with the
patient's details or the note's text.
"""

from django import forms
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import audit, get_request_model
from .choices import OPEN_STATUSES, Status
from .models import ConsultationNote
from .models.notes import NOTE_MAX_LENGTH
from .permissions import STAFF_PERMISSIONS, permission_policy

TRIAGE_FIELDS = ("status", "assignee", "follow_up_on")

DUE_TODAY = "today"
OVERDUE = "overdue"
DUE = "due"


def follow_up_due(queryset, when, today=None):
    """Open requests whose follow-up is due today, overdue, or either (`when`)."""
    today = today or timezone.localdate()
    lookups = {DUE_TODAY: "follow_up_on", OVERDUE: "follow_up_on__lt", DUE: "follow_up_on__lte"}
    return queryset.filter(status__in=OPEN_STATUSES, **{lookups[when]: today})


def staff_who_can_see_requests():
    """The people a request can be assigned to: active staff who may see requests."""
    return permission_policy.users_with_any_permission(STAFF_PERMISSIONS).order_by(
        "first_name", "last_name", "username"
    )


def user_display(user):
    return (user.get_full_name() or user.get_username()) if user else ""


class AssigneeField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return user_display(obj)


class TriageForm(forms.ModelForm):
    """Status, assignee and follow-up date of one request, and a new note."""

    note = forms.CharField(
        label=_("Add a note"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Only staff see notes, e.g. 'Left a voicemail'. A note is kept with your name "
            "and the time, and cannot be changed later."
        ),
    )

    class Meta:
        model = get_request_model()
        fields = TRIAGE_FIELDS
        field_classes = {"assignee": AssigneeField}
        widgets = {"follow_up_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        help_texts = {
            "status": _("Where the request is: new, contacted, booked, closed, or spam."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = staff_who_can_see_requests()
        self.fields["assignee"].empty_label = _("Nobody")
        self.fields["follow_up_on"].input_formats = ["%Y-%m-%d", "%d/%m/%Y"]

    def save(self, user):
        return update_request(
            self.instance,
            user,
            note=self.cleaned_data.get("note", "").strip(),
            **{name: self.cleaned_data[name] for name in TRIAGE_FIELDS},
        )


def update_request(consultation_request, user, *, note="", **changes):
    """
    Write `changes` (any of TRIAGE_FIELDS) and add `note` to one request, with
    an audit entry for each thing that changed. Returns the names changed.
    """
    model = type(consultation_request)
    with transaction.atomic():
        stored = (
            model.objects.select_for_update().only(*TRIAGE_FIELDS).get(pk=consultation_request.pk)
        )
        changed = [name for name, value in changes.items() if getattr(stored, name) != value]
        for name in changed:
            setattr(consultation_request, name, changes[name])
        if note:
            ConsultationNote.objects.create(request=consultation_request, author=user, text=note)
            changed.append("note")
        if changed:
            consultation_request.updated_at = timezone.now()
            fields = [name for name in changed if name in TRIAGE_FIELDS]
            model.objects.filter(pk=consultation_request.pk).update(
                updated_at=consultation_request.updated_at,
                **{name: changes[name] for name in fields},
            )
            _log_changes(model, [(consultation_request.pk, stored)], changes, user, note=bool(note))
    return changed


def bulk_update(pks, user, **changes):
    """
    Change the status or the assignee of many requests at once (the listing's
    bulk actions). Returns how many requests were changed.
    """
    model = get_request_model()
    with transaction.atomic():
        stored = list(
            model.objects.select_for_update().filter(pk__in=pks).only("pk", *TRIAGE_FIELDS)
        )
        changing = [
            request
            for request in stored
            if any(getattr(request, name) != value for name, value in changes.items())
        ]
        if not changing:
            return 0
        model.objects.filter(pk__in=[request.pk for request in changing]).update(
            updated_at=timezone.now(), **changes
        )
        _log_changes(model, [(request.pk, request) for request in changing], changes, user)
    return len(changing)


def _log_changes(model, requests, changes, user, *, note=False):
    """Audit entries for the changes, grouped so that each group is one query."""
    groups = {}
    for pk, before in requests:
        for name, value in changes.items():
            old = getattr(before, name)
            if old == value:
                continue
            action, data = _entry(name, old, value)
            key = (action, tuple(sorted(data.items())))
            groups.setdefault(key, (action, data, []))[2].append(pk)
        if note:
            groups.setdefault((audit.NOTE_ADDED, ()), (audit.NOTE_ADDED, {}, []))[2].append(pk)
    for action, data, pks in groups.values():
        audit.log_each(model, pks, action, user=user, data=data)


def _entry(name, old, new):
    if name == "status":
        return audit.STATUS_CHANGE, {"from": old, "to": new}
    if name == "assignee":
        return audit.ASSIGNED, {
            "from": old.pk if old else None,
            "to": new.pk if new else None,
            "to_name": user_display(new),
        }
    return audit.FOLLOW_UP, {"on": new.isoformat() if new else None}


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("New status"),
        choices=Status.choices,
        help_text=_("Every selected request gets this status."),
    )


class AssignForm(forms.Form):
    assignee = AssigneeField(
        label=_("Assign to"),
        queryset=None,
        required=False,
        empty_label=_("Nobody (unassign)"),
        help_text=_("Every selected request is assigned to this person."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = staff_who_can_see_requests()
