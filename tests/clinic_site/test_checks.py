"""System checks of the shared core: misconfiguration named at start-up, with a way out."""

from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings

import pytest

from clinic_site.checks import check_webhook_secret


def check_output():
    try:
        call_command("check")
    except SystemCheckError as error:
        return str(error)
    return ""


def test_the_default_settings_pass():
    assert "clinic_site." not in check_output()
    assert "consultations.W001" not in check_output()


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        ({"CLINIC_PROXY_COUNT": -1}, "clinic_site.E001"),
        ({"CLINIC_PROXY_COUNT": "1"}, "clinic_site.E001"),
        ({"CLINIC_PROXY_COUNT": 1, "CLINIC_TRUSTED_PROXIES": "10.0.0.2"}, "clinic_site.E002"),
        ({"CLINIC_PROXY_COUNT": 1, "CLINIC_TRUSTED_PROXIES": ["proxy.local"]}, "clinic_site.E002"),
        ({"CLINIC_PROXY_COUNT": 1, "CLINIC_TRUSTED_PROXIES": [""]}, "clinic_site.E002"),
        (
            {"CLINIC_PROXY_COUNT": 2, "CLINIC_TRUSTED_PROXIES": ["10.0.0.0/24"]},
            "clinic_site.E003",
        ),
    ],
)
def test_bad_proxy_settings_are_reported_with_a_hint(settings, expected):
    with override_settings(**settings):
        output = check_output()

    assert f"({expected})" in output
    assert "HINT:" in output


@override_settings(CLINIC_PROXY_COUNT=2, CLINIC_TRUSTED_PROXIES=["10.1.", "10.0.0.0/24"])
def test_good_proxy_settings_pass():
    assert "clinic_site." not in check_output()


def test_the_removed_client_ip_header_setting_warns_and_points_to_the_proxy_count():
    with override_settings(CONSULTATIONS_CLIENT_IP_HEADER="HTTP_X_FORWARDED_FOR"):
        try:
            call_command("check", "--fail-level", "WARNING")
        except SystemCheckError as error:
            output = str(error)

    assert "(consultations.W001)" in output
    assert "CLINIC_PROXY_COUNT" in output


URLS = ["https://front.example.com/hooks/publish"]


@override_settings(CLINIC_WEBHOOK_URLS=URLS, CLINIC_WEBHOOK_SECRET="")
def test_webhook_urls_without_a_secret_stop_manage_py_check():
    with pytest.raises(SystemCheckError) as raised:
        call_command("check")

    message = str(raised.value)
    assert "clinic_site.E004" in message
    assert "CLINIC_WEBHOOK_SECRET" in message
    assert "HINT" in message


@override_settings(CLINIC_WEBHOOK_URLS=URLS, CLINIC_WEBHOOK_SECRET="")
def test_the_webhook_error_has_a_stable_id_and_a_hint():
    (error,) = check_webhook_secret(None)

    assert error.id == "clinic_site.E004"
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


@pytest.mark.parametrize(
    ("model", "expected"),
    [
        ("clinic_site", "clinic_site.E005"),
        ("people.Person", "clinic_site.E005"),
        ("wagtailimages.Image", "clinic_site.E006"),
    ],
)
def test_an_author_model_setting_that_cannot_hold_bylines_stops_manage_py_check(model, expected):
    with override_settings(CLINIC_AUTHOR_MODEL=model):
        output = check_output()

    assert f"({expected})" in output
    assert "AbstractAuthor" in output


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        ({"CLINIC_WEBHOOK_URLS": "https://front.example.com/hook"}, "clinic_site.E007"),
        ({"CLINIC_WEBHOOK_URLS": ["front.example.com/hook"]}, "clinic_site.E007"),
        ({"CLINIC_WEBHOOK_TIMEOUT": 0}, "clinic_site.E008"),
        ({"CLINIC_WEBHOOK_TIMEOUT": "5"}, "clinic_site.E008"),
        ({"CLINIC_HEADLESS_FRONTEND_URL": "www.clinic.example"}, "clinic_site.E020"),
        ({"CLINIC_HEADLESS_PREVIEW_TTL": 0}, "clinic_site.E021"),
        ({"CLINIC_OUTBOX_RETRY_BASE_SECONDS": "30"}, "clinic_site.E030"),
        ({"CLINIC_OUTBOX_RETRY_MAX_SECONDS": 0}, "clinic_site.E031"),
        ({"CLINIC_OUTBOX_MAX_ATTEMPTS": True}, "clinic_site.E032"),
        ({"CLINIC_OUTBOX_CLAIM_SECONDS": None}, "clinic_site.E033"),
        ({"CLINIC_OUTBOX_OVERDUE_SECONDS": -1}, "clinic_site.E034"),
    ],
)
def test_bad_webhook_front_end_and_outbox_settings_each_have_their_own_error(settings, expected):
    with override_settings(CLINIC_WEBHOOK_SECRET="s3cret", **settings):
        output = check_output()

    assert f"({expected})" in output
    assert output.count("clinic_site.E") == 1
    assert "HINT:" in output


@override_settings(
    CLINIC_WEBHOOK_URLS=["https://front.example.com/hook", "http://127.0.0.1:3000/hook"],
    CLINIC_WEBHOOK_SECRET="s3cret",
    CLINIC_WEBHOOK_TIMEOUT=2.5,
    CLINIC_HEADLESS_FRONTEND_URL="https://www.clinic.example",
    CLINIC_OUTBOX_OVERDUE_SECONDS=0,
)
def test_good_webhook_front_end_and_outbox_settings_pass():
    assert "clinic_site." not in check_output()


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("CLINIC_WEBHOOK_MAX_ATTEMPTS", "clinic_site.W001"),
        ("CLINIC_WEBHOOK_RETRY_BASE_SECONDS", "clinic_site.W002"),
    ],
)
def test_the_removed_webhook_retry_settings_warn_and_point_to_the_outbox(name, expected):
    with override_settings(**{name: 5}):
        try:
            call_command("check", "--fail-level", "WARNING")
        except SystemCheckError as error:
            output = str(error)

    assert f"({expected})" in output
    assert "CLINIC_OUTBOX_" in output


def test_the_former_review_interval_setting_warns_and_points_to_the_clinic_details():
    with override_settings(CLINIC_REVIEW_INTERVAL_DAYS=180):
        try:
            call_command("check", "--fail-level", "WARNING")
        except SystemCheckError as error:
            output = str(error)

    assert "(clinic_site.W003)" in output
    assert "Clinic details" in output
