"""
The pages abuse protection adds, in a real browser: a locked admin sign-in and
its unlocking, and the "temporarily unavailable" page. No axe-core violations of
WCAG 2.2 A/AA, and the public page reflows at 320 px.
"""

import re

from django.test import Client

import pytest
from playwright.sync_api import expect

from tests.clinic_site.helpers import database_down
from tests.e2e.browser import DESKTOP, NARROW, PHONE, axe_violations, describe_violations

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ADMIN_TIMEOUT = 30_000  # the admin is a script-heavy app on a small machine


def try_to_sign_in(page, base_url, username, password):
    page.goto(base_url + "/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    with page.expect_navigation(timeout=ADMIN_TIMEOUT):
        page.get_by_role("button", name="Sign in").click()


def settled(page):
    """
    Wait for the admin's messages to finish fading in: axe would measure them half-drawn.
    Only theirs: the sidebar's "what's new" badge pulses a shadow for 25 seconds.
    """
    page.wait_for_function(
        "document.getAnimations().every((animation) => animation.playState !== 'running'"
        " || !animation.effect.target.closest('.messages'))",
        timeout=ADMIN_TIMEOUT,
    )


def test_a_locked_sign_in_is_explained_and_a_superuser_unlocks_it_by_keyboard(
    demo_site, new_page, admin_login, make_staff_user
):
    _user, password = make_staff_user("robin", "Editors")
    visitor = new_page(DESKTOP)
    for attempt in range(5):
        try_to_sign_in(visitor, demo_site.url, "robin", f"wrong-{attempt}")

    try_to_sign_in(visitor, demo_site.url, "robin", password)
    expect(visitor.locator(".messages")).to_contain_text("This account is locked")
    assert "/admin/login/" in visitor.url
    settled(visitor)
    violations = axe_violations(visitor)
    assert not violations, describe_violations(violations)

    admin = new_page(DESKTOP)
    admin_login(admin, "admin", "clinic-demo")
    admin.goto(demo_site.url + "/admin/locked-sign-ins/")
    expect(admin.get_by_role("cell", name="robin", exact=True)).to_be_visible()
    settled(admin)
    violations = axe_violations(admin)
    assert not violations, describe_violations(violations)
    unlock = admin.get_by_role("button", name="Unlock robin at 127.0.0.1")
    unlock.focus()
    with admin.expect_navigation(timeout=ADMIN_TIMEOUT):
        admin.keyboard.press("Enter")
    expect(admin.get_by_text("robin can sign in again from 127.0.0.1.")).to_be_visible()
    expect(admin.get_by_role("cell", name="robin", exact=True)).to_have_count(0)

    try_to_sign_in(visitor, demo_site.url, "robin", password)
    expect(visitor).not_to_have_url(re.compile("/admin/login/"), timeout=ADMIN_TIMEOUT)


@pytest.fixture
def unavailable_page_html(demo_site):
    with database_down():
        response = Client().get("/")
    assert response.status_code == 503
    return response.content.decode()


def test_the_unavailable_page_is_accessible_and_reflows(demo_site, new_page, unavailable_page_html):
    for viewport in (PHONE, NARROW):
        page = new_page(viewport)
        # Served from the site's address so its stylesheet loads as it would for real.
        page.goto(demo_site.url + "/robots.txt")
        page.set_content(unavailable_page_html)
        page.wait_for_load_state("load")

        assert page.get_by_role("heading", level=1).inner_text()
        violations = axe_violations(page)
        assert not violations, describe_violations(violations)
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
