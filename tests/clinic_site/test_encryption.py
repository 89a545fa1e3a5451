"""The core's encryption at rest: keys, rotation, blind indexes and the checks that guard them."""

from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

import pytest
from cryptography.fernet import Fernet

from clinic_site import crypto
from clinic_site.checks import check_encryption_keys
from clinic_site.fields import EncryptedJSONField, EncryptedTextField

OLD_KEY = Fernet.generate_key().decode()
NEW_KEY = Fernet.generate_key().decode()


def check_ids():
    return [error.id for error in check_encryption_keys(None)]


def test_a_value_is_encrypted_differently_each_time_and_decrypts_to_itself():
    first, second = crypto.encrypt("Jamie Quinlan"), crypto.encrypt("Jamie Quinlan")

    assert first != second
    assert "Jamie" not in first
    assert crypto.decrypt(first) == crypto.decrypt(second) == "Jamie Quinlan"


def test_the_newest_key_encrypts_and_every_listed_key_decrypts():
    with override_settings(CLINIC_ENCRYPTION_KEYS=[OLD_KEY]):
        old_token = crypto.encrypt("07700 900123")
    with override_settings(CLINIC_ENCRYPTION_KEYS=[NEW_KEY, OLD_KEY]):
        new_token = crypto.encrypt("07700 900123")
        assert crypto.decrypt(old_token) == crypto.decrypt(new_token) == "07700 900123"
    with override_settings(CLINIC_ENCRYPTION_KEYS=[NEW_KEY]):
        assert crypto.decrypt(new_token) == "07700 900123"
        with pytest.raises(crypto.DecryptionError, match="could not be decrypted"):
            crypto.decrypt(old_token)


def test_keys_may_be_given_as_one_comma_separated_string():
    with override_settings(CLINIC_ENCRYPTION_KEYS=f" {NEW_KEY} , {OLD_KEY} "):
        assert crypto.encryption_keys() == (NEW_KEY, OLD_KEY)
        assert crypto.decrypt(crypto.encrypt("x")) == "x"


def test_without_keys_nothing_is_encrypted_and_the_error_says_which_setting():
    with override_settings(CLINIC_ENCRYPTION_KEYS=[]):
        with pytest.raises(ImproperlyConfigured, match="CLINIC_ENCRYPTION_KEYS is empty"):
            crypto.encrypt("anything")


def test_a_broken_key_is_reported_without_being_echoed():
    with override_settings(CLINIC_ENCRYPTION_KEYS=["not-a-key"]):
        with pytest.raises(ImproperlyConfigured) as error:
            crypto.encrypt("anything")

    assert "not a Fernet key" in str(error.value)
    assert "not-a-key" not in str(error.value)


def test_blind_index_is_stable_keyed_and_separated_by_purpose():
    email = crypto.blind_index("consultations.email", "jamie@example.com")

    assert email == crypto.blind_index("consultations.email", "jamie@example.com")
    assert email != crypto.blind_index("consultations.name", "jamie@example.com")
    assert "jamie" not in email and len(email) == 64
    with override_settings(CLINIC_BLIND_INDEX_KEY="another-key-entirely-0123456789abcdef"):
        assert crypto.blind_index("consultations.email", "jamie@example.com") != email
    # Rotating the encryption keys leaves every hash as it was.
    with override_settings(CLINIC_ENCRYPTION_KEYS=[NEW_KEY, OLD_KEY]):
        assert crypto.blind_index("consultations.email", "jamie@example.com") == email


def test_text_field_encrypts_on_the_way_in_and_decrypts_on_the_way_out():
    field = EncryptedTextField()

    token = field.get_prep_value("Wondering about frown lines")

    assert "frown" not in token
    assert field.from_db_value(token, None, None) == "Wondering about frown lines"
    assert field.get_prep_value(None) is None
    assert field.from_db_value(None, None, None) is None
    assert field.get_internal_type() == "TextField"


def test_json_field_round_trips_structures_and_keeps_them_out_of_the_ciphertext():
    field = EncryptedJSONField(default=dict)
    answers = {"area": {"label": "Which area?", "value": ["forehead", "eyes"]}, "n": 2}

    token = field.get_prep_value(answers)

    assert "forehead" not in token and "Which area" not in token
    assert field.from_db_value(token, None, None) == answers


def test_checks_pass_with_the_test_keys():
    assert check_ids() == []


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"CLINIC_ENCRYPTION_KEYS": []}, ["clinic_site.E010"]),
        ({"CLINIC_ENCRYPTION_KEYS": [NEW_KEY, "short"]}, ["clinic_site.E011"]),
        ({"CLINIC_BLIND_INDEX_KEY": ""}, ["clinic_site.E012"]),
        ({"CLINIC_BLIND_INDEX_KEY": "too-short"}, ["clinic_site.E013"]),
    ],
    ids=["no-keys", "bad-key", "no-blind-index-key", "short-blind-index-key"],
)
def test_checks_report_each_misconfiguration_with_its_own_id_and_a_hint(overrides, expected):
    with override_settings(**overrides):
        errors = check_encryption_keys(None)

    assert [error.id for error in errors] == expected
    assert all(error.hint for error in errors)
    assert "short" not in " ".join(error.msg for error in errors if error.id == "clinic_site.E011")
