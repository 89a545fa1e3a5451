"""Publish webhooks: signed POSTs on publish, unpublish and delete, with retries."""

import hashlib
import hmac
import json
from io import StringIO
from unittest import mock

from django.core.management import call_command
from django.test import override_settings

import pytest
import requests

from clinic_site import outbox
from clinic_site.models import OutboxMessage, WebhookDelivery
from tests.clinic_site.factories import make_page

# Webhooks are sent after the commit, so these tests commit for real.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

HOOKS = {
    "CLINIC_WEBHOOK_URLS": ["https://front.example.com/hooks/publish"],
    "CLINIC_WEBHOOK_SECRET": "s3cret",
    "CLINIC_OUTBOX_MAX_ATTEMPTS": 3,
}


def ok_response():
    response = mock.Mock(status_code=204)
    response.raise_for_status.return_value = None
    return response


@override_settings(**HOOKS)
def test_publishing_posts_a_signed_payload(home_page):
    with mock.patch("clinic_site.webhooks.requests.post", return_value=ok_response()) as post:
        page = make_page(home_page, title="Lip filler", slug="lip-filler")

    assert post.call_count == 1
    url = post.call_args.args[0]
    body = post.call_args.kwargs["data"]
    headers = post.call_args.kwargs["headers"]
    payload = json.loads(body)
    expected = "sha256=" + hmac.new(b"s3cret", body, hashlib.sha256).hexdigest()
    assert url == "https://front.example.com/hooks/publish"
    assert headers["X-Clinic-Signature"] == expected
    assert payload["action"] == "publish"
    assert payload["page"] == {
        "id": page.pk,
        "type": "wagtailcore.Page",
        "title": "Lip filler",
        "url": "/lip-filler/",
    }
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == WebhookDelivery.Status.SENT
    assert delivery.attempts == 1


@override_settings(**HOOKS)
def test_unpublish_and_delete_are_reported_as_such(home_page):
    with mock.patch("clinic_site.webhooks.requests.post", return_value=ok_response()) as post:
        page = make_page(home_page, title="Peel", slug="peel")
        page.unpublish()
        page.save_revision().publish()
        page.delete()

    actions = [json.loads(call.kwargs["data"])["action"] for call in post.call_args_list]
    assert actions == ["publish", "unpublish", "publish", "delete"]


@override_settings(**HOOKS)
def test_a_failing_front_end_is_retried_with_back_off_then_given_up(home_page):
    error = requests.ConnectionError("connection refused")
    with mock.patch("clinic_site.webhooks.requests.post", side_effect=error):
        make_page(home_page, title="Peel", slug="peel")
        delivery = WebhookDelivery.objects.get()
        assert delivery.status == WebhookDelivery.Status.PENDING
        assert delivery.attempts == 1
        assert delivery.last_error == "ConnectionError"
        first_wait = delivery.next_attempt_at - delivery.created_at

        call_command("send_pending_webhooks", "--now", stdout=StringIO())
        delivery.refresh_from_db()
        assert delivery.attempts == 2
        assert delivery.next_attempt_at - delivery.created_at > first_wait

        call_command("send_pending_webhooks", "--now", stdout=StringIO())

    delivery.refresh_from_db()
    assert delivery.attempts == 3
    assert delivery.status == WebhookDelivery.Status.FAILED


@override_settings(**{**HOOKS, "CLINIC_WEBHOOK_SECRET": ""})
def test_without_a_secret_nothing_is_sent_and_staff_see_why(admin_client, home_page):
    with mock.patch("clinic_site.webhooks.requests.post") as post:
        make_page(home_page, title="Peel", slug="peel")
        call_command("send_pending_webhooks", stdout=StringIO())

    assert not post.called
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == WebhookDelivery.Status.FAILED
    listing = admin_client.get(f"/admin/webhook-deliveries/inspect/{delivery.pk}/")
    assert "CLINIC_WEBHOOK_SECRET is empty" in listing.content.decode()


def test_no_webhooks_without_configured_urls(home_page):
    with mock.patch("clinic_site.webhooks.requests.post") as post:
        make_page(home_page, title="Peel", slug="peel")

    assert not post.called
    assert not WebhookDelivery.objects.exists()


@override_settings(**HOOKS)
def test_admins_see_deliveries_and_failures(admin_client, home_page):
    with mock.patch(
        "clinic_site.webhooks.requests.post", side_effect=requests.Timeout("timed out")
    ):
        make_page(home_page, title="Peel", slug="peel")

    response = admin_client.get("/admin/webhook-deliveries/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "https://front.example.com/hooks/publish" in html
    assert "Waiting to be sent" in html


@override_settings(**HOOKS)
def test_a_front_end_answering_an_error_is_retried_and_admins_see_its_status(
    admin_client, home_page
):
    response = mock.Mock(status_code=503)
    response.raise_for_status.side_effect = requests.HTTPError("503", response=response)
    with mock.patch("clinic_site.webhooks.requests.post", return_value=response):
        make_page(home_page, title="Peel", slug="peel")

    delivery = WebhookDelivery.objects.get()
    assert delivery.status == WebhookDelivery.Status.PENDING
    assert delivery.last_error == "HTTPError 503"
    assert "HTTPError 503" in admin_client.get("/admin/webhook-deliveries/").content.decode()


@override_settings(**HOOKS)
def test_webhooks_still_go_while_the_mail_server_is_down(home_page):
    def mail_server_down(message):
        raise ConnectionRefusedError

    outbox.register("tests.mail", mail_server_down)
    try:
        with mock.patch("clinic_site.webhooks.requests.post", side_effect=requests.Timeout):
            make_page(home_page, title="Peel", slug="peel")  # the webhook waits for a retry
        # Two e-mails whose own tasks were lost, due now.
        mails = OutboxMessage.objects.bulk_create(
            [OutboxMessage(kind="tests.mail") for _ in range(2)]
        )
        with mock.patch("clinic_site.webhooks.requests.post", return_value=ok_response()):
            call_command("send_outbox", "--now", stdout=StringIO())
    finally:
        outbox.register("tests.mail", None)

    assert WebhookDelivery.objects.get().status == WebhookDelivery.Status.SENT
    attempts = sorted(
        OutboxMessage.objects.filter(pk__in=[m.pk for m in mails]).values_list(
            "attempts", flat=True
        )
    )
    assert attempts == [0, 1]  # the round stopped trying the mail server after one failure
