"""Admin sign-in lockout: guessing stops working, the page says why, a superuser unlocks."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import Client

import pytest

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
LOCKS = "/admin/locked-sign-ins/"
UNLOCK = "/admin/locked-sign-ins/unlock/"
PASSWORD = "correct horse battery staple"
ADDRESS = "203.0.113.7"


@pytest.fixture
def editor():
    user = get_user_model().objects.create_user(username="sam", password=PASSWORD)
    group = Group.objects.create(name="Lockout test editors")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    return user


@pytest.fixture
def superuser():
    return get_user_model().objects.create_superuser(
        username="owner", email="owner@example.com", password="owner-pw"
    )


def sign_in(password, address=ADDRESS, username="sam"):
    """A fresh browser at `address` submitting the admin's login form."""
    client = Client(REMOTE_ADDR=address)
    response = client.post(LOGIN, {"username": username, "password": password, "next": "/admin/"})
    return client, response


def signed_in(client):
    return client.get("/admin/").status_code == 200


def test_forty_wrong_passwords_lock_the_account_until_a_superuser_unlocks_it(editor, superuser):
    for attempt in range(40):
        sign_in(f"guess-{attempt}")

    client, response = sign_in(PASSWORD)

    assert response.status_code == 429
    page = response.content.decode()
    assert "This account is locked after too many failed sign-in attempts" in page
    assert "ask a site administrator" in page
    assert "Try again in 15 minutes" in page
    assert not signed_in(client)

    admin = Client()
    admin.force_login(superuser)
    listing = admin.get(LOCKS).content.decode()
    assert "sam" in listing and ADDRESS in listing
    unlocked = admin.post(UNLOCK, {"username": "sam", "ip_address": ADDRESS}, follow=True)
    assert "sam can sign in again from 203.0.113.7." in unlocked.content.decode()
    assert ADDRESS not in admin.get(LOCKS).content.decode()

    client, response = sign_in(PASSWORD)
    assert response.status_code == 302
    assert signed_in(client)


def test_the_fifth_failure_locks_and_says_so_instead_of_wrong_password(editor):
    for attempt in range(4):
        _, response = sign_in(f"guess-{attempt}")
        assert "didn&#x27;t match" in response.content.decode()

    _, fifth = sign_in("guess-5")

    assert fifth.status_code == 429
    assert "This account is locked" in fifth.content.decode()
    assert "didn&#x27;t match" not in fifth.content.decode()


def test_a_lock_holds_one_address_only_so_a_stranger_cannot_lock_staff_out(editor):
    for attempt in range(10):
        sign_in(f"guess-{attempt}", address="198.51.100.23")

    client, response = sign_in(PASSWORD, address=ADDRESS)

    assert response.status_code == 302
    assert signed_in(client)


def test_a_successful_sign_in_forgets_earlier_typos(editor):
    for attempt in range(4):
        sign_in(f"typo-{attempt}")
    sign_in(PASSWORD)

    for attempt in range(4):
        sign_in(f"typo-again-{attempt}")
    client, response = sign_in(PASSWORD)

    assert response.status_code == 302
    assert signed_in(client)


def test_only_superusers_see_and_lift_locks(editor, superuser):
    for attempt in range(5):
        sign_in(f"guess-{attempt}")
    other = get_user_model().objects.create_user(username="kim", password="pw")
    other.groups.add(Group.objects.get(name="Lockout test editors"))
    staff = Client()
    staff.force_login(other)

    menu = staff.get("/admin/").content.decode()
    listing = staff.get(LOCKS)
    staff.post(UNLOCK, {"username": "sam", "ip_address": ADDRESS})

    assert LOCKS not in menu
    assert (listing.status_code, listing["Location"]) == (302, "/admin/")
    _, response = sign_in(PASSWORD)
    assert response.status_code == 429
    admin = Client()
    admin.force_login(superuser)
    assert LOCKS in admin.get("/admin/").content.decode()


def test_the_locked_sign_ins_page_says_when_nothing_is_locked(superuser):
    admin = Client()
    admin.force_login(superuser)

    response = admin.get(LOCKS)

    assert response.status_code == 200
    assert "No sign-in is locked." in response.content.decode()
