"""
Webhook deliveries stored before the outbox took them over are carried into it, and back.

Migration 0011 is applied and unapplied on its own, with Django's migration
machinery, to a table made as it was before the move: migrating the whole test
database back and forth to reach it would unapply and reapply every later
migration of every app (about a minute), for no more of 0011's behaviour.
"""

import json
from io import StringIO
from unittest import mock

from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.test import override_settings
from django.utils import timezone

import pytest

from clinic_site.models import WebhookDelivery

MOVE = ("clinic_site", "0011_webhooks_in_outbox")
URL = "https://front.example.com/hooks/publish"


def run_migration(direction):
    """Apply or unapply 0011 from the project's state before it, as `migrate` would."""
    loader = MigrationLoader(connection)
    migration = loader.get_migration(*MOVE)
    before = loader.project_state(MOVE, at_end=False)
    with connection.schema_editor(atomic=migration.atomic) as editor:
        getattr(migration, direction)(before.clone(), editor)
    return before.apps


def event(action, page_id):
    return {"action": action, "page": {"id": page_id, "title": "Peel"}, "sent_at": "2026-11-30"}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_pending_and_past_webhook_deliveries_move_into_the_outbox_and_back():
    old_apps = MigrationLoader(connection).project_state(MOVE, at_end=False).apps
    OldDelivery = old_apps.get_model("clinic_site", "WebhookDelivery")
    with connection.schema_editor() as editor:
        editor.create_model(OldDelivery)  # the table of deliveries before the move
    OldDelivery.objects.create(
        url=URL,
        action="publish",
        page_id=7,
        payload=event("publish", 7),
        status="pending",
        attempts=2,
        last_error="connection refused",
        next_attempt_at=timezone.now(),
    )
    OldDelivery.objects.create(
        url=URL,
        action="delete",
        page_id=8,
        payload=event("delete", 8),
        status="delivered",
        attempts=1,
        delivered_at=timezone.now(),
    )

    run_migration("apply")

    moved = {delivery.page_id: delivery for delivery in WebhookDelivery.objects.all()}
    assert (moved[7].status, moved[7].attempts, moved[7].url) == ("pending", 2, URL)
    assert (moved[8].status, moved[8].action) == ("sent", "delete")
    # The pending one is still delivered, signed, with the event it was about.
    with (
        override_settings(CLINIC_WEBHOOK_URLS=[URL], CLINIC_WEBHOOK_SECRET="s3cret"),
        mock.patch("clinic_site.webhooks.requests.post") as post,
    ):
        post.return_value.raise_for_status.return_value = None
        call_command("send_pending_webhooks", stdout=StringIO())
    assert json.loads(post.call_args.kwargs["data"]) == event("publish", 7)
    assert WebhookDelivery.objects.get(pk=moved[7].pk).status == "sent"

    back = run_migration("unapply").get_model("clinic_site", "WebhookDelivery")
    assert sorted(back.objects.values_list("page_id", "status", "action")) == [
        (7, "delivered", "publish"),
        (8, "delivered", "delete"),
    ]
    with connection.schema_editor() as editor:
        editor.delete_model(back)  # today's schema again, for the tests after this one
