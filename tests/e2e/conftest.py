"""
Browser tests: Playwright drives Debian's Chromium against a live test server
holding the demo content. Without Chromium (or Playwright, or axe-core) they
skip with a message saying how to enable them, except under CI=true, where
they must run.
"""

import os

from django.db import connections

import pytest

from tests import caches, shared_demo
from tests.e2e.browser import CHROMIUM, CHROMIUM_FLAGS, DESKTOP, missing_requirements
from tests.shared_demo import DEMO_ADMIN


@pytest.hookimpl(tryfirst=True)  # before `-m` selects by marker
def pytest_collection_modifyitems(config, items):
    for item in items:
        if "/e2e/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture
def browser(monkeypatch):
    """
    Chromium for one test. Function-scoped on purpose: Playwright's sync API keeps
    an event loop in this thread while it runs, and Django's per-context
    connection handling would then not see the test database's saved state
    between tests.
    """
    reason = missing_requirements()
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"Browser tests must run in CI. {reason}")
        pytest.skip(f"Browser tests skipped. {reason}")

    # Playwright's sync API runs an event loop in this thread; the test code
    # still talks to the database synchronously, which is safe here.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS[1:]
        )
        yield browser
        browser.close()
        # Database work done while Playwright's loop ran may have opened a
        # connection in that context; close it so the test database can be
        # dropped at the end of the run.
        connections.close_all()


@pytest.fixture
def demo_site(live_server, settings, run_folder):
    """The demo clinic, served by the live server, with the demo admin account."""
    settings.DEMO_ADMIN = DEMO_ADMIN
    # Anonymous pages come from the page cache and rendered parts of pages from the
    # fragment cache, as in production (docs/performance.md).
    settings.CLINIC_PAGE_CACHE_TIMEOUT = 600
    settings.CLINIC_FRAGMENT_CACHE_TIMEOUT = 600
    # The form's rate limits count in the cache: each test starts with none used.
    caches.empty_all()
    shared_demo.load(run_folder)
    return live_server


@pytest.fixture
def new_page(browser):
    """Open a fresh browser page (own cookies) at a given viewport; closed after the test."""
    contexts = []

    def open_page(viewport=DESKTOP, **options):
        context = browser.new_context(viewport=viewport, **options)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def admin_login(demo_site):
    """Sign a browser page in to the Wagtail admin through its login form."""

    def log_in(page, username, password):
        page.goto(demo_site.url + "/admin/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(password)
        with page.expect_navigation():
            page.get_by_role("button", name="Sign in").click()
        page.wait_for_load_state()
        assert "/admin/login/" not in page.url, f"could not sign in as {username}"

    return log_in


@pytest.fixture
def make_staff_user(django_user_model):
    """A staff member in the named groups (created by the migrations)."""
    from django.contrib.auth.models import Group

    def make(username, *groups, password="e2e-pass-word"):  # noqa: S107
        user = django_user_model.objects.create_user(
            username=username, email=f"{username}@clinic.example", password=password
        )
        user.groups.set(Group.objects.filter(name__in=groups))
        assert user.groups.count() == len(groups)
        return user, password

    return make
