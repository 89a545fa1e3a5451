"""
Rate limits count patients, not the proxy: behind a reverse proxy each patient
has their own allowance, and without one a forged header buys nothing.
"""

from django.test import override_settings

import pytest

from consultations.models import ConsultationRequest
from tests.consultations.factories import valid_data

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"
REFUSED = "We could not accept your request just now"
API = "/api/v3/consultations/"


def patient_address(n):
    return f"198.51.{100 + n // 250}.{n % 250 + 1}"


def send_form(client, page, n, **meta):
    data = valid_data(email=f"patient{n}@example.com", message=f"Question number {n}.")
    return client.post(page.url, data, **meta)


def send_json(client, n, **meta):
    data = valid_data(email=f"patient{n}@example.com", message=f"Question number {n}.")
    data["consent"] = True
    return client.post(API, data, content_type="application/json", **meta)


@override_settings(CLINIC_PROXY_COUNT=1)
def test_behind_a_proxy_200_patients_in_an_hour_are_all_accepted(client, consultation_page):
    statuses = {
        send_form(
            client,
            consultation_page,
            n,
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=patient_address(n),
        ).status_code
        for n in range(200)
    }

    assert statuses == {302}
    assert ConsultationRequest.objects.count() == 200


@override_settings(CLINIC_PROXY_COUNT=1)
def test_behind_a_proxy_200_patients_in_an_hour_are_all_accepted_through_the_api(
    client, consultation_page
):
    statuses = {
        send_json(client, n, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=patient_address(n)).status_code
        for n in range(200)
    }

    assert statuses == {201}
    assert ConsultationRequest.objects.count() == 200


@override_settings(CLINIC_PROXY_COUNT=1, CONSULTATIONS_RATE_LIMIT_PER_IP=10)
def test_behind_a_proxy_the_same_patient_over_the_limit_is_refused(client, consultation_page):
    # The patient forges a different address each time; the proxy appends the real one.
    meta = [
        {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": f"{patient_address(n + 1)}, 203.0.113.9"}
        for n in range(12)
    ]
    for n in range(10):
        assert send_form(client, consultation_page, n, **meta[n]).status_code == 302

    refused = send_form(client, consultation_page, 10, **meta[10])
    refused_json = send_json(client, 11, **meta[11])

    assert refused.status_code == 200
    assert REFUSED in refused.content.decode()
    assert refused_json.status_code == 429
    assert REFUSED in refused_json.json()["errors"]["__all__"][0]
    assert ConsultationRequest.objects.count() == 10
    # Another patient behind the same proxy is unaffected.
    other = send_form(
        client, consultation_page, 12, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.250"
    )
    assert other.status_code == 302


@override_settings(CONSULTATIONS_RATE_LIMIT_PER_IP=2)
def test_without_a_proxy_setting_a_forged_header_changes_nothing(client, consultation_page):
    for n in range(2):
        response = send_form(
            client,
            consultation_page,
            n,
            REMOTE_ADDR="203.0.113.9",
            HTTP_X_FORWARDED_FOR=patient_address(n),
        )
        assert response.status_code == 302

    refused = send_form(
        client,
        consultation_page,
        2,
        REMOTE_ADDR="203.0.113.9",
        HTTP_X_FORWARDED_FOR=patient_address(2),
    )

    assert REFUSED in refused.content.decode()
    assert ConsultationRequest.objects.count() == 2
