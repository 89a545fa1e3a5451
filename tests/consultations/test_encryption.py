"""
What patients wrote is unreadable in the database, yet staff still read it and
find it; keys can be rotated without losing a request or a search.
"""

import io
import re

from django.core.exceptions import FieldError
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.urls import reverse

import pytest
from cryptography.fernet import Fernet

from clinic_site.crypto import DecryptionError
from consultations.models import ConsultationFormField, ConsultationNote, ConsultationRequest
from tests.consultations.factories import ConsultationRequestFactory, form_token, valid_data

pytestmark = pytest.mark.django_db

SECRETS = {
    "name": "Jamie Quinlan",
    "email": "jamie.quinlan@example.com",
    "phone": "07700 900123",
    "message": "Wondering about options for frown lines.",
    "extra answer": "Migraines since my teens",
    "earlier message": "First thoughts about crow's feet",
    "staff note": "Mentioned pregnancy on the phone",
}
OLD_KEY = Fernet.generate_key().decode()
NEW_KEY = Fernet.generate_key().decode()


def raw_rows(table):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 - a fixed table name
        return [[str(cell) for cell in row] for row in cursor.fetchall()]


def plaintext_found(rows):
    """Every secret (or a distinctive word of it) that appears in any cell."""
    words = {secret: max(re.findall(r"\w+", secret), key=len) for secret in SECRETS.values()}
    text = "\n".join("\x1f".join(row) for row in rows).lower()
    return [secret for secret, word in words.items() if word.lower() in text]


@pytest.fixture
def sent_request(client, consultation_page, django_capture_on_commit_callbacks):
    """A request as a patient leaves it: an extra answer, then a corrected version."""
    ConsultationFormField.objects.create(
        page=consultation_page, label="History", field_type="singleline", required=False
    )
    token = form_token()
    first = valid_data(
        form_token=token,
        name=SECRETS["name"],
        email=SECRETS["email"],
        phone=SECRETS["phone"],
        message=SECRETS["earlier message"],
        extra_history=SECRETS["extra answer"],
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(consultation_page.url, first).status_code == 302
        corrected = {**first, "message": SECRETS["message"]}
        assert client.post(consultation_page.url, corrected).status_code == 302
    stored = ConsultationRequest.objects.get()
    ConsultationNote.objects.create(request=stored, text=SECRETS["staff note"])
    return stored


def test_the_raw_table_holds_no_plaintext_of_what_the_patient_or_staff_wrote(sent_request):
    rows = raw_rows(ConsultationRequest._meta.db_table)
    index_rows = raw_rows("consultations_blindindexentry")
    note_rows = raw_rows(ConsultationNote._meta.db_table)

    assert len(rows) == 1 and len(index_rows) >= 4 and len(note_rows) == 1
    assert plaintext_found(rows) == []
    assert plaintext_found(index_rows) == []
    assert plaintext_found(note_rows) == []
    # ... while the application reads every value back.
    stored = ConsultationRequest.objects.get()
    assert (stored.name, stored.email, stored.phone, stored.message) == (
        SECRETS["name"],
        SECRETS["email"],
        SECRETS["phone"],
        SECRETS["message"],
    )
    assert stored.extra_answers["history"]["value"] == SECRETS["extra answer"]
    assert stored.earlier_versions[0]["message"] == SECRETS["earlier message"]
    assert [note.text for note in stored.notes.all()] == [SECRETS["staff note"]]


def test_staff_read_the_decrypted_request_in_the_admin(sent_request, admin_client):
    html = admin_client.get(
        reverse("consultationrequest:inspect", args=[sent_request.pk])
    ).content.decode()

    for secret in ("name", "email", "message", "extra answer", "earlier message", "staff note"):
        assert SECRETS[secret] in html.replace("&#x27;", "'"), secret


def test_values_and_updates_go_through_the_encryption_too():
    request = ConsultationRequestFactory(name="Ruth Ellison")

    ConsultationRequest.objects.filter(pk=request.pk).update(message="Curious about peels")

    assert list(ConsultationRequest.objects.values_list("name", "message")) == [
        ("Ruth Ellison", "Curious about peels")
    ]
    assert plaintext_found(raw_rows(ConsultationRequest._meta.db_table)) == []
    assert "Curious" not in "".join(raw_rows(ConsultationRequest._meta.db_table)[0])


@pytest.mark.parametrize(
    "lookup",
    [{"email": "a@example.com"}, {"name__icontains": "ruth"}, {"extra_answers__area": "x"}],
    ids=["exact", "icontains", "json-key"],
)
def test_filtering_on_an_encrypted_column_is_refused_with_a_clear_error(lookup):
    ConsultationRequestFactory()

    with pytest.raises(FieldError, match="is encrypted in the database"):
        list(ConsultationRequest.objects.filter(**lookup))


def test_isnull_still_works_on_an_encrypted_column():
    ConsultationRequestFactory()

    assert ConsultationRequest.objects.filter(message__isnull=False).count() == 1


def test_rotation_re_encrypts_every_row_so_only_the_new_key_is_needed_and_search_works(
    admin_client,
):
    with override_settings(CLINIC_ENCRYPTION_KEYS=[OLD_KEY]):
        requests = [
            ConsultationRequestFactory(name="Jamie Quinlan", phone="07700 900123"),
            ConsultationRequestFactory(name="Ruth Ellison", email="ruth@example.com"),
            ConsultationRequestFactory(name="Ana Silva", extra_answers={"a": {"value": "x"}}),
        ]
    updated = dict(ConsultationRequest.objects.values_list("pk", "updated_at"))
    with override_settings(CLINIC_ENCRYPTION_KEYS=[NEW_KEY]):
        with pytest.raises(DecryptionError):
            list(ConsultationRequest.objects.all())

    with override_settings(CLINIC_ENCRYPTION_KEYS=[NEW_KEY, OLD_KEY]):
        call_command("rotate_consultation_keys", batch_size=2, stdout=io.StringIO())

    with override_settings(CLINIC_ENCRYPTION_KEYS=[NEW_KEY]):
        stored = {r.pk: r for r in ConsultationRequest.objects.all()}
        names = [stored[r.pk].name for r in requests]
        assert names == ["Jamie Quinlan", "Ruth Ellison", "Ana Silva"]
        assert stored[requests[2].pk].extra_answers == {"a": {"value": "x"}}
        # The retention clock is not reset by a rotation.
        assert {pk: r.updated_at for pk, r in stored.items()} == updated
        listing = reverse("consultationrequest:index")

        def found(query):
            return admin_client.get(listing, {"q": query}).content.decode()

        assert "Jamie Quinlan" in found("+44 7700 900123")
        assert "Ruth Ellison" in found("RUTH@example.com")
        assert "Ana Silva" in found("silva") and "Jamie Quinlan" not in found("silva")
    with override_settings(CLINIC_ENCRYPTION_KEYS=[OLD_KEY]):
        with pytest.raises(DecryptionError):
            list(ConsultationRequest.objects.all())


def test_rotation_can_run_again_and_says_what_it_did():
    with override_settings(CLINIC_ENCRYPTION_KEYS=[OLD_KEY]):
        ConsultationRequestFactory.create_batch(3)
    first, second = io.StringIO(), io.StringIO()

    with override_settings(CLINIC_ENCRYPTION_KEYS=[NEW_KEY, OLD_KEY]):
        call_command("rotate_consultation_keys", stdout=first)
        call_command("rotate_consultation_keys", stdout=second)

    assert "Re-encrypted 3 consultation request(s)" in first.getvalue()
    assert "older keys can be removed" in first.getvalue()
    assert "Re-encrypted 3 consultation request(s)" in second.getvalue()
    with override_settings(CLINIC_ENCRYPTION_KEYS=[NEW_KEY]):
        assert len([r.name for r in ConsultationRequest.objects.all()]) == 3
