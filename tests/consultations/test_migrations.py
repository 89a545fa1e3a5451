"""
Requests stored before encryption are encrypted and indexed by the migrations,
their staff notes become the first note of the list, and all of it migrates back.

The app's migrations after 0003 are applied and unapplied one by one with
Django's migration machinery, each from the project's state before it (as
`sqlmigrate` computes it): the executor would work out the state of every
migration of every app around them for each step, which took most of a minute.
"""

from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

import pytest

from consultations.models import ConsultationRequest

BEFORE = ("consultations", "0003_outbox")
PATIENT = {
    "name": "Jamie Quinlan",
    "email": "Jamie.Quinlan@example.com",
    "phone": "07700 900123",
    "message": "Wondering about options for frown lines.",
}
NOTES = "Called, no answer"


def migrate(direction):
    """
    Run the app's migrations after BEFORE forwards (to today's schema) or
    backwards (to BEFORE's); returns the app registry of the state reached.
    """
    loader = MigrationLoader(connection)
    (leaf,) = loader.graph.leaf_nodes("consultations")
    after = [node for node in loader.graph.forwards_plan(leaf) if node[0] == "consultations"]
    after = after[after.index(BEFORE) + 1 :]
    for node in after if direction == "forwards" else reversed(after):
        migration = loader.get_migration(*node)
        before = loader.project_state(node, at_end=False)
        before.apps  # noqa: B018 - rendered once, then cloned per operation (as the executor does)
        with connection.schema_editor(atomic=migration.atomic) as editor:
            if direction == "forwards":
                migration.apply(before, editor)
            else:
                migration.unapply(before, editor)
    return loader.project_state(leaf if direction == "forwards" else BEFORE).apps


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_existing_plaintext_requests_are_encrypted_indexed_and_can_be_migrated_back():
    old_apps = migrate("backwards")
    OldRequest = old_apps.get_model("consultations", "ConsultationRequest")
    old = OldRequest.objects.create(
        **PATIENT,
        staff_notes=NOTES,
        preferred_contact="email",
        consultation_type="virtual",
        patient_status="new",
        extra_answers={"history": {"label": "History", "value": "Migraines"}},
        earlier_versions=[{"name": "Jamie Q", "email": "jq@example.com", "message": "First"}],
        consent_text="I agree.",
        consent_version="abc",
        consent_given_at=timezone.now(),
        fingerprint="f" * 64,
    )

    migrate("forwards")

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, email, phone, message, extra_answers, "
            "earlier_versions, fingerprint FROM consultations_consultationrequest"
        )
        raw = " ".join(str(cell) for cell in cursor.fetchone())
        cursor.execute("SELECT text FROM consultations_consultationnote")
        raw += " ".join(str(cell) for (cell,) in cursor.fetchall())
    for word in ("Quinlan", "900123", "frown", "Called", "Migraines", "jq@example", "f" * 64):
        assert word not in raw
    stored = ConsultationRequest.objects.get(pk=old.pk)
    assert {name: getattr(stored, name) for name in PATIENT} == PATIENT
    assert [note.text for note in stored.notes.all()] == [NOTES]
    assert stored.extra_answers == {"history": {"label": "History", "value": "Migraines"}}
    assert stored.earlier_versions[0]["message"] == "First"
    assert list(ConsultationRequest.objects.search("jamie.quinlan@example.com")) == [stored]
    assert list(ConsultationRequest.objects.search("+44 7700 900123")) == [stored]
    assert list(ConsultationRequest.objects.search("quinlan")) == [stored]
    # The address of a version the patient replaced finds the request too.
    assert list(ConsultationRequest.objects.matching_email("JQ@example.com")) == [stored]

    back = migrate("backwards").get_model("consultations", "ConsultationRequest")
    restored = back.objects.get(pk=old.pk)
    assert restored.name == "Jamie Quinlan" and restored.message == PATIENT["message"]
    assert restored.staff_notes == NOTES
    assert restored.extra_answers["history"]["value"] == "Migraines"

    migrate("forwards")
