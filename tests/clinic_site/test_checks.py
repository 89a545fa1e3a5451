"""`manage.py check` reports a proxy setting that would miscount patients, with a hint."""

from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings

import pytest


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
