"""Staff who can see requests are signed out after a while without activity."""

import time

from django.contrib.messages import get_messages
from django.test import override_settings
from django.urls import reverse

import pytest

from consultations.checks import check_settings
from consultations.middleware import SESSION_KEY
from tests.consultations.factories import ConsultationRequestFactory, make_user

pytestmark = pytest.mark.django_db

LISTING = reverse("consultationrequest:index")


def idle_for(client, minutes):
    session = client.session
    session[SESSION_KEY] = time.time() - minutes * 60
    session.save()


def signed_in(client):
    return "_auth_user_id" in client.session


@pytest.fixture
def desk(client):
    client.force_login(make_user("desk", group="Front desk"))
    assert client.get(LISTING).status_code == 200  # starts the activity clock
    return client


def test_front_desk_is_signed_out_after_30_idle_minutes_and_asked_to_sign_in(desk):
    ConsultationRequestFactory(name="Jamie Quinlan")
    idle_for(desk, 31)

    response = desk.get(LISTING)

    assert response.status_code == 302
    login = reverse("wagtailadmin_login")
    assert response["Location"] == f"{login}?next={LISTING}"
    assert not signed_in(desk)
    page = desk.get(response["Location"])
    assert "signed out after 30 minutes without activity" in page.content.decode()
    assert "Jamie Quinlan" not in page.content.decode()


def test_activity_within_the_limit_keeps_the_session(desk):
    idle_for(desk, 29)

    assert desk.get(LISTING).status_code == 200
    assert signed_in(desk)
    # The clock restarted with that request.
    assert time.time() - desk.session[SESSION_KEY] < 5


@override_settings(CONSULTATIONS_STAFF_SESSION_IDLE_MINUTES=5)
def test_the_idle_limit_is_a_setting(desk):
    idle_for(desk, 6)

    response = desk.get(reverse("wagtailadmin_home"))

    assert response.status_code == 302 and not signed_in(desk)
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "You were signed out after 5 minutes without activity, to protect patients' data. "
        "Sign in again to continue."
    ]


def test_outside_the_admin_the_person_continues_signed_out(desk, consultation_page):
    idle_for(desk, 31)

    response = desk.get(consultation_page.url)

    assert response.status_code == 200
    assert not signed_in(desk)


def test_staff_who_cannot_see_requests_keep_their_session(client):
    client.force_login(make_user("editor", group="Editors"))
    client.get(reverse("wagtailadmin_home"))
    idle_for(client, 120)

    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    assert signed_in(client)


def test_the_session_is_not_saved_on_every_request(desk):
    before = desk.session[SESSION_KEY]

    desk.get(LISTING)

    assert desk.session[SESSION_KEY] == before


@pytest.mark.parametrize("value", [0, None])
def test_an_idle_limit_below_one_minute_fails_the_check(value):
    with override_settings(CONSULTATIONS_STAFF_SESSION_IDLE_MINUTES=value):
        assert [error.id for error in check_settings()] == ["consultations.E004"]
