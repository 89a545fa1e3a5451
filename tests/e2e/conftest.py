"""
Browser tests: Playwright drives Debian's Chromium against a live test server
holding the demo content. Without Chromium (or Playwright, or axe-core) they
skip with a message saying how to enable them, except under CI=true, where
they must run.
"""

import os
from io import StringIO

from django.core.cache import cache
from django.core.management import call_command

import pytest

from tests.e2e.browser import CHROMIUM, CHROMIUM_FLAGS, DESKTOP, missing_requirements

DEMO_ADMIN = {"username": "admin", "password": "clinic-demo", "email": "admin@localhost"}


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


@pytest.fixture
def demo_site(live_server, settings):
    """The demo clinic, served by the live server, with the demo admin account."""
    settings.DEMO_ADMIN = DEMO_ADMIN
    # The form's rate limits count in the cache: each test starts with none used.
    cache.clear()
    call_command("load_demo_content", stdout=StringIO())
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
