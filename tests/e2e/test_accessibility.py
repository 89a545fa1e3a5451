"""
Every public page type and state, checked in a real browser: no axe-core
violations of WCAG 2.2 A/AA, no horizontal scrolling at 320 px, and
screenshots at phone and desktop widths for reviewers.
"""

import pytest

from tests.e2e.browser import (
    DESKTOP,
    NARROW,
    PHONE,
    axe_violations,
    describe_violations,
    screenshot,
)
from tests.e2e.site_pages import browser_states, public_pages

# The live server needs committed data; restore what migrations created
# (root page, locale, default site, groups) after each test's flush.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def every_page_and_state(settings):
    """(name, function(page, base_url)) for every public page type and state."""
    # The thank-you state is reached by sending the form straight after loading it.
    settings.CONSULTATIONS_MIN_FILL_SECONDS = 0

    def visit(path):
        return lambda page, base_url: page.goto(base_url + path)

    pages = [(name, visit(path)) for name, path in public_pages()]
    return pages + browser_states()


def test_every_public_page_and_state_has_no_axe_violations(
    demo_site, new_page, every_page_and_state
):
    assert len(every_page_and_state) >= 3
    failures = {}
    for name, show in every_page_and_state:
        page = new_page(PHONE)
        show(page, demo_site.url)
        screenshot(page, f"{name}-phone")
        violations = axe_violations(page)
        if violations:
            failures[name] = describe_violations(violations)
        page.set_viewport_size(DESKTOP)
        screenshot(page, f"{name}-desktop")
        page.context.close()

    assert not failures, "\n\n".join(f"{n}:\n{v}" for n, v in failures.items())


def test_pages_reflow_at_320_pixels_without_horizontal_scrolling(
    demo_site, new_page, every_page_and_state
):
    too_wide = {}
    for name, show in every_page_and_state:
        page = new_page(NARROW)
        show(page, demo_site.url)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > NARROW["width"]:
            too_wide[name] = width
        page.context.close()

    assert not too_wide, f"pages wider than 320 px: {too_wide}"


def test_skip_link_is_the_first_stop_and_moves_focus_to_the_content(demo_site, new_page):
    page = new_page(PHONE)
    page.goto(demo_site.url + "/")

    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    page.keyboard.press("Enter")

    assert focused == "Skip to main content"
    assert outline != "none"
    assert page.evaluate("document.activeElement.id") == "main"


@pytest.mark.parametrize("path", ["/this-page-does-not-exist/"])
def test_not_found_page_is_styled_and_offers_search(demo_site, new_page, path):
    page = new_page(PHONE)
    response = page.goto(demo_site.url + path)

    assert response.status == 404
    assert page.get_by_role("heading", level=1).inner_text() == "Page not found"
    assert page.get_by_role("searchbox", name="Search the site").count() >= 1
