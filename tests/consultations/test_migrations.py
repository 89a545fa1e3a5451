"""
Requests stored before encryption are encrypted and indexed by the migrations,
their staff notes become the first note of the list, and all of it migrates back.
"""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

import pytest

from consultations.models import ConsultationRequest

BEFORE = [("consultations", "0003_outbox")]
PATIENT = {
    "name": "Jamie Quinlan",
    "email": "Jamie.Quinlan@example.com",
    "phone": "07700 900123",
    "message": "Wondering about options for frown lines.",
}
NOTES = "Called, no answer"


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def latest():
    executor = MigrationExecutor(connection)
    return [key for key in executor.loader.graph.leaf_nodes() if key[0] == "consultations"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_existing_plaintext_requests_are_encrypted_indexed_and_can_be_migrated_back():
    old_apps = migrate(BEFORE)
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

    migrate(latest())

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

    back = migrate(BEFORE).get_model("consultations", "ConsultationRequest")
    restored = back.objects.get(pk=old.pk)
    assert restored.name == "Jamie Quinlan" and restored.message == PATIENT["message"]
    assert restored.staff_notes == NOTES
    assert restored.extra_answers["history"]["value"] == "Migraines"

    migrate(latest())
