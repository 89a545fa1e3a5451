"""
Redis is a cache and a queue, never a single point of failure.

With the cache pointed at a port nobody listens on ("refused") and at a server
that accepts connections and never answers ("hanging"), patients still read
every page, their consultation requests and comments are stored, the front desk
still works, and no answer shows an exception or where Redis lives. With the
task queue's Redis unreachable, a request is stored and its notification waits
for the retry command. The cache is configured exactly as production configures
it (`redis_cache()` from the base settings).
"""

import os
import shutil
import socket
import subprocess
import threading
import time
from io import StringIO
from types import SimpleNamespace
from unittest import mock

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse

import pytest
import redis
from wagtail.models import Page

from blog.models import BlogComment
from clinic_site.breaker import BreakerConnection
from clinic_site.models import WebhookDelivery
from clinic_site.settings.base import redis_cache, redis_queue_url
from consultations.models import ConsultationRequest
from tests.blog.factories import make_blog, make_post
from tests.consultations.factories import (
    ConsultationRequestFactory,
    make_consultation_page,
    valid_data,
)
from tests.treatments.factories import make_index, make_treatment

pytestmark = pytest.mark.django_db

# Loose: with the production timeouts a request costs at most one short socket
# timeout while Redis hangs; without them it took several seconds or failed.
MAX_SECONDS = 3
INTERNALS = ("Connection refused", "Error 111", "Timeout reading", "ConnectionError", "Traceback")


class HangingServer:
    """Accepts TCP connections and never answers, like a Redis that is stuck."""

    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.05)
        self.port = self.listener.getsockname()[1]
        self.accepted = []
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self.accept_until_stopped, daemon=True)
        self.thread.start()

    def accept_until_stopped(self):
        while not self.stopping.is_set():
            try:
                connection, _address = self.listener.accept()
            except TimeoutError:
                continue
            self.accepted.append(connection)  # kept open, never answered

    def stop(self):
        self.stopping.set()
        self.thread.join(timeout=5)
        self.listener.close()
        for connection in self.accepted:
            connection.close()


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(params=["refused", "hanging"])
def broken_redis(request, settings):
    """The default cache on a Redis that refuses connections, or one that hangs."""
    server = HangingServer() if request.param == "hanging" else None
    port = server.port if server else closed_port()
    url = f"redis://127.0.0.1:{port}/0"
    settings.CACHES = {"default": redis_cache(url, key_prefix="faults")}
    yield SimpleNamespace(kind=request.param, url=url, address=f"127.0.0.1:{port}")
    if server:
        server.stop()


@pytest.fixture
def site(clinic_settings):
    home = clinic_settings.site.root_page.specific
    blog = make_blog(home)
    treatments = make_index(home)
    return SimpleNamespace(
        home=home,
        post=make_post(blog, title="Botox for migraines: how it works", slug="botox-how"),
        treatment=make_treatment(treatments, title="Botox for migraines"),
        consultation=make_consultation_page(home),
    )


def notification_statuses(consultation_request):
    """The status of each of the request's e-mails in the outbox."""
    return list(consultation_request.outbox_messages.values_list("status", flat=True))


def timed(call, broken):
    started = time.perf_counter()
    response = call()
    elapsed = time.perf_counter() - started
    assert elapsed < MAX_SECONDS, f"{elapsed:.1f} s with Redis {broken.kind}"
    body = response.content.decode()
    assert broken.address not in body
    assert not [text for text in INTERNALS if text in body]
    return response


def test_public_pages_are_served(client, site, broken_redis):
    for page in (site.home, site.post, site.treatment, site.consultation):
        response = timed(lambda page=page: client.get(page.url), broken_redis)

        assert response.status_code == 200, page.url
        assert page.title in response.content.decode()


def test_with_the_page_cache_on_pages_are_served_uncached(client, site, broken_redis, settings):
    settings.CLINIC_PAGE_CACHE_TIMEOUT = 600
    settings.CLINIC_FRAGMENT_CACHE_TIMEOUT = 600
    for page in (site.home, site.post, site.treatment, site.consultation):
        for _ in range(2):
            response = timed(lambda page=page: client.get(page.url), broken_redis)

            assert response.status_code == 200, page.url
            assert page.title in response.content.decode()
            assert response.get("X-Page-Cache") != "hit"


def test_a_consultation_request_sent_through_the_form_is_stored_and_thanked(
    client, site, broken_redis, django_capture_on_commit_callbacks
):
    form = timed(lambda: client.get(site.consultation.url), broken_redis).content.decode()
    assert 'name="form_token"' in form

    # Sent a minute after the form was shown (a token from then), as a person would.
    with django_capture_on_commit_callbacks(execute=True):
        sent = timed(lambda: client.post(site.consultation.url, valid_data()), broken_redis)
    thanks = timed(lambda: client.get(sent["Location"]), broken_redis)

    assert sent.status_code == 302
    assert thanks.status_code == 200
    assert "We will call you within a day." in thanks.content.decode()
    assert ConsultationRequest.objects.get().name == "Jamie Quinlan"
    assert len(mail.outbox) == 2  # the staff notice and the patient's confirmation


def test_a_consultation_request_sent_as_json_is_stored(client, site, broken_redis):
    data = valid_data()
    data["consent"] = True

    response = timed(
        lambda: client.post("/api/v3/consultations/", data, content_type="application/json"),
        broken_redis,
    )

    assert response.status_code == 201
    assert response.json()["reference"]
    assert ConsultationRequest.objects.get().email == "jamie@example.com"


def test_a_blog_comment_is_stored(client, site, broken_redis):
    response = timed(
        lambda: client.post(
            f"{site.post.url}comment/",
            {"name": "Maria", "email": "maria@example.org", "body": "Does it hurt?"},
        ),
        broken_redis,
    )

    assert response.status_code == 302
    assert BlogComment.objects.get().body == "Does it hurt?"


def test_the_front_desk_can_use_the_dashboard_and_the_requests_listing(client, site, broken_redis):
    ConsultationRequestFactory(page=site.consultation, name="Jamie Quinlan", status="new")
    desk = get_user_model().objects.create_user("desk", password="pw")
    desk.groups.add(Group.objects.get(name="Front desk"))
    client.force_login(desk)

    dashboard = timed(lambda: client.get(reverse("wagtailadmin_home")), broken_redis)
    listing = timed(lambda: client.get(reverse("consultationrequest:index")), broken_redis)

    assert dashboard.status_code == 200
    assert "1 new request waiting" in dashboard.content.decode()
    assert listing.status_code == 200
    assert "Jamie Quinlan" in listing.content.decode()


def test_rate_limits_are_skipped_not_enforced_while_the_cache_is_down(
    client, site, broken_redis, settings
):
    settings.CONSULTATIONS_RATE_LIMIT_PER_IP = 1

    statuses = [
        timed(
            lambda n=n: client.post(
                site.consultation.url,
                valid_data(email=f"p{n}@example.com", message=f"Question {n}"),
            ),
            broken_redis,
        ).status_code
        for n in range(3)
    ]

    assert statuses == [302, 302, 302]
    assert ConsultationRequest.objects.count() == 3


def test_a_hanging_redis_costs_one_timeout_then_is_skipped(client, site, broken_redis):
    client.get(site.home.url)  # the first cache call fails and opens the breaker

    with mock.patch.object(
        BreakerConnection, "_connect", autospec=True, side_effect=redis.Connection._connect
    ) as connect:
        for _ in range(5):
            assert client.get(site.home.url).status_code == 200

    # Five pages, and not one of them waited on a connection to Redis: the breaker answered.
    assert connect.call_count == 0


@pytest.fixture(params=["refused", "hanging"])
def broken_queue(request, settings):
    """The task backend production uses with Redis, on a Redis that refuses or hangs."""
    server = HangingServer() if request.param == "hanging" else None
    port = server.port if server else closed_port()
    settings.RQ_QUEUES = {"default": {"URL": redis_queue_url(f"redis://127.0.0.1:{port}/0")}}
    settings.TASKS = {
        "default": {"BACKEND": "clinic_site.task_backends.rq.RQBackend", "QUEUES": ["default"]}
    }
    yield SimpleNamespace(kind=request.param, address=f"127.0.0.1:{port}")
    if server:
        server.stop()


def test_with_the_queue_down_a_request_is_stored_and_its_notification_waits_for_the_retry(
    client, site, broken_queue, django_capture_on_commit_callbacks
):
    # Saving the request also enqueues Wagtail's reference-index update: it runs
    # in the request instead. The e-mails wait in the outbox for the retry.
    with django_capture_on_commit_callbacks(execute=True):
        response = timed(lambda: client.post(site.consultation.url, valid_data()), broken_queue)
    thanks = client.get(response["Location"])

    stored = ConsultationRequest.objects.get()
    assert response.status_code == 302
    assert "We will call you within a day." in thanks.content.decode()
    assert set(notification_statuses(stored)) == {"pending"}
    assert mail.outbox == []

    call_command("send_pending_consultation_notifications", stdout=StringIO())

    assert set(notification_statuses(stored)) == {"sent"}
    assert len(mail.outbox) == 2


def test_with_the_queue_down_a_json_request_and_a_comment_are_stored(
    client, site, broken_queue, django_capture_on_commit_callbacks
):
    data = valid_data()
    data["consent"] = True

    with django_capture_on_commit_callbacks(execute=True):
        created = timed(
            lambda: client.post("/api/v3/consultations/", data, content_type="application/json"),
            broken_queue,
        )
        commented = timed(
            lambda: client.post(
                f"{site.post.url}comment/",
                {"name": "Maria", "email": "maria@example.org", "body": "Does it hurt?"},
            ),
            broken_queue,
        )

    assert created.status_code == 201
    assert set(notification_statuses(ConsultationRequest.objects.get())) == {"pending"}
    assert commented.status_code == 302
    assert BlogComment.objects.get().body == "Does it hurt?"


def test_with_the_queue_down_publishing_still_works_and_the_webhook_waits(
    site, broken_queue, settings, django_capture_on_commit_callbacks
):
    settings.CLINIC_WEBHOOK_URLS = ["https://front.example/hooks/publish"]
    page = Page.objects.get(pk=site.post.pk).specific
    page.title = "Botox for migraines: an update"

    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()

    delivery = WebhookDelivery.objects.get()
    assert Page.objects.get(pk=page.pk).title == "Botox for migraines: an update"
    assert delivery.status == WebhookDelivery.Status.PENDING
    assert delivery.attempts == 0


def test_the_api_answers_generic_json_when_a_cache_that_raises_is_down(client, site, settings):
    """A host project on Django's own Redis cache (errors raised, not ignored)."""
    port = closed_port()
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
        }
    }
    client.raise_request_exception = False

    response = client.get("/api/v3/pages/")

    body = response.content.decode()
    assert response.status_code == 503
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["detail"] == (
        "The service is temporarily unavailable. Please try again shortly."
    )
    assert response["Retry-After"]
    assert f"127.0.0.1:{port}" not in body
    assert not [text for text in INTERNALS if text in body]


class OwnRedis:
    """A Redis server of the test's own (never the shared one), to stop and start again."""

    def __init__(self, binary):
        self.binary = binary
        self.port = closed_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603 - the installed redis-server, fixed arguments
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        probe = redis.Redis.from_url(self.url, socket_connect_timeout=0.2)
        deadline = time.monotonic() + 10
        while True:
            try:
                probe.ping()
                return
            except redis.ConnectionError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def stop(self):
        if self.process:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None


@pytest.fixture
def own_redis():
    binary = shutil.which("redis-server")
    if not binary:
        if os.environ.get("CI") == "true":
            pytest.fail("redis-server must be installed in CI.")
        pytest.skip("redis-server is not installed.")
    server = OwnRedis(binary)
    server.start()
    yield server
    server.stop()


def test_the_cache_comes_back_by_itself_once_redis_does(client, site, own_redis, settings):
    settings.CLINIC_REDIS_RETRY_AFTER = 0.2
    settings.CACHES = {"default": redis_cache(own_redis.url, key_prefix="recovery")}
    cache.set("probe", "before")
    assert cache.get("probe") == "before"

    own_redis.stop()
    assert client.get(site.home.url).status_code == 200
    assert cache.get("probe") is None  # a miss, not an error

    own_redis.start()
    time.sleep(0.3)  # past CLINIC_REDIS_RETRY_AFTER: the next call tries Redis again
    cache.set("probe", "after")
    assert cache.get("probe") == "after"
