"""
The audit trail of consultation requests: who saw, exported, changed or erased
which request, and when. Entries are Wagtail's own (`ModelLogEntry`), so they
also show in each request's history and in Wagtail's site history, and the
"Consultation requests audit log" report (`reports.py`) lists them.

An entry names the request by its id and label ("Request #42") only, never by
anything the patient wrote: the log is kept after a request is erased.
"""

import uuid

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from wagtail.log_actions import LogFormatter, log
from wagtail.log_actions import registry as log_action_registry
from wagtail.models import ModelLogEntry

from .choices import Status

VIEWED = "consultations.viewed"
EXPORTED = "consultations.exported"
SUBJECT_EXPORTED = "consultations.subject_exported"
ERASED = "consultations.erased"
PURGED = "consultations.purged"
STATUS_CHANGE = "consultations.status_change"
NOTES_CHANGE = "consultations.notes_change"
RESUBMITTED = "consultations.resubmitted"
ASSIGNED = "consultations.assigned"
FOLLOW_UP = "consultations.follow_up"
NOTE_ADDED = "consultations.note_added"

# Reading is logged but is not a change: left out of a request's "History".
ACCESS_ACTIONS = (VIEWED, EXPORTED, SUBJECT_EXPORTED)
# Wagtail's own actions on a request: deleted by an administrator, edited.
WAGTAIL_ACTIONS = ("wagtail.delete", "wagtail.edit")


class ExportFormatter(LogFormatter):
    label = _("Export")

    def format_message(self, log_entry):
        return _("Exported in a list (%(format)s)") % {
            "format": (log_entry.data or {}).get("format", "?").upper()
        }


class SubjectExportFormatter(LogFormatter):
    label = _("Export for the patient")

    def format_message(self, log_entry):
        return _("Exported for the patient's access request (%(format)s)") % {
            "format": (log_entry.data or {}).get("format", "?").upper()
        }


class PurgeFormatter(LogFormatter):
    label = _("Delete after the retention period")

    def format_message(self, log_entry):
        return _("Deleted automatically %(days)s days after its last update") % {
            "days": (log_entry.data or {}).get("retention_days", "?")
        }


class StatusChangeFormatter(LogFormatter):
    label = _("Change status")

    def format_message(self, log_entry):
        labels = dict(Status.choices)
        data = log_entry.data or {}
        return _("Status changed from %(from)s to %(to)s") % {
            "from": labels.get(data.get("from"), data.get("from")),
            "to": labels.get(data.get("to"), data.get("to")),
        }


class AssignFormatter(LogFormatter):
    label = _("Assign")

    def format_message(self, log_entry):
        name = (log_entry.data or {}).get("to_name")
        if not name:
            return _("Unassigned")
        return _("Assigned to %(name)s") % {"name": name}


class FollowUpFormatter(LogFormatter):
    label = _("Set a follow-up date")

    def format_message(self, log_entry):
        on = parse_date((log_entry.data or {}).get("on") or "")
        if on is None:
            return _("Follow-up date removed")
        return _("Follow-up set for %(date)s") % {"date": date_format(on)}


def register_actions(actions):
    """Called from `wagtail_hooks.py`'s `register_log_actions`."""
    actions.register_action(VIEWED, _("View details"), _("Details viewed"))
    actions.register_action(EXPORTED)(ExportFormatter)
    actions.register_action(SUBJECT_EXPORTED)(SubjectExportFormatter)
    actions.register_action(
        ERASED,
        _("Erase at the patient's request"),
        _("Erased at the patient's request"),
    )
    actions.register_action(PURGED)(PurgeFormatter)
    actions.register_action(STATUS_CHANGE)(StatusChangeFormatter)
    # Before notes became a list, one field was rewritten; its entries stay readable.
    actions.register_action(NOTES_CHANGE, _("Update staff notes"), _("Staff notes updated"))
    actions.register_action(NOTE_ADDED, _("Add a note"), _("Note added"))
    actions.register_action(ASSIGNED)(AssignFormatter)
    actions.register_action(FOLLOW_UP)(FollowUpFormatter)
    actions.register_action(
        RESUBMITTED,
        _("Corrected by the patient"),
        _("The patient sent a corrected version; the earlier one is kept on this page"),
    )


def log_viewed(consultation_request, user):
    log(consultation_request, VIEWED, user=user)


# Primary keys looked up per query, well under every database's parameter limit.
LOOKUP_BATCH = 500


def log_each(model, pks, action, user=None, data=None):
    """
    One entry per request (by primary key) for one action: an export of many
    rows, a purge. Written in one query and sharing one UUID, as Wagtail groups
    the entries of one user action; `log()` would write them one query each.
    """
    # bulk_create skips the check ModelLogEntry.save() makes.
    if not log_action_registry.action_exists(action):
        raise ValueError(f"The log action {action!r} has not been registered.")
    pks = list(pks)
    if not pks:
        return []
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    # Each entry is labelled with its request's reference, as `log()` labels them.
    references = {}
    for start in range(0, len(pks), LOOKUP_BATCH):
        batch = pks[start : start + LOOKUP_BATCH]
        references.update(
            model._default_manager.filter(pk__in=batch).values_list("pk", "reference")
        )
    now = timezone.now()
    shared = uuid.uuid4()
    return ModelLogEntry.objects.bulk_create(
        ModelLogEntry(
            content_type=content_type,
            object_id=str(pk),
            label=str(model(pk=pk, reference=references.get(pk, ""))),
            action=action,
            timestamp=now,
            user=user if user is not None and user.is_authenticated else None,
            uuid=shared,
            data=data or {},
        )
        for pk in pks
    )
