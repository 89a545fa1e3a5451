"""System checks of the shared core: misconfiguration named at start-up, with a way out."""

from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings

import pytest

from clinic_site.checks import check_webhook_secret

URLS = ["https://front.example.com/hooks/publish"]


@override_settings(CLINIC_WEBHOOK_URLS=URLS, CLINIC_WEBHOOK_SECRET="")
def test_webhook_urls_without_a_secret_stop_manage_py_check():
    with pytest.raises(SystemCheckError) as raised:
        call_command("check")

    message = str(raised.value)
    assert "clinic_site.E001" in message
    assert "CLINIC_WEBHOOK_SECRET" in message
    assert "HINT" in message


@override_settings(CLINIC_WEBHOOK_URLS=URLS, CLINIC_WEBHOOK_SECRET="")
def test_the_webhook_error_has_a_stable_id_and_a_hint():
    (error,) = check_webhook_secret(None)

    assert error.id == "clinic_site.E001"
    assert "CLINIC_WEBHOOK_SECRET" in error.hint


@pytest.mark.parametrize(
    "overrides",
    [
        {"CLINIC_WEBHOOK_URLS": URLS, "CLINIC_WEBHOOK_SECRET": "s3cret"},
        {"CLINIC_WEBHOOK_URLS": [], "CLINIC_WEBHOOK_SECRET": ""},
    ],
)
def test_webhooks_with_a_secret_or_no_webhooks_pass(overrides):
    with override_settings(**overrides):
        assert check_webhook_secret(None) == []
