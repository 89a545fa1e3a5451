"""
Every public page type and state, checked in a real browser: no axe-core
violations of WCAG 2.2 A/AA, no horizontal scrolling at 320 px, and
screenshots at phone (390 px) and laptop (1366 px) widths for reviewers; the
header's and the treatment page's layout at the widths patients use.
"""

import re

import pytest

from tests.e2e.browser import (
    LAPTOP,
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
        page.set_viewport_size(LAPTOP)
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


def box(page, selector):
    """The element's bounding box in CSS pixels (None when it is not rendered)."""
    return page.locator(selector).first.bounding_box()


def header_rows(page):
    """How many rows the header's visible items take (items sharing a vertical band)."""
    boxes = page.evaluate(
        """() => [...document.querySelectorAll(
            '.site-header__brand, .main-nav li, .site-search__button, .site-menu__toggle,'
            + ' .site-actions__call, .site-actions__book')]
          .filter(e => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden')
          .map(e => { const r = e.getBoundingClientRect(); return [r.top, r.bottom]; })"""
    )
    rows = []
    for top, bottom in sorted(boxes):
        if rows and top < rows[-1][1]:
            rows[-1][1] = max(rows[-1][1], bottom)
        else:
            rows.append([top, bottom])
    return len(rows)


def test_header_is_compact_on_phones_and_one_row_on_desktops(demo_site, new_page):
    page = new_page(PHONE)
    page.goto(demo_site.url + dict(public_pages())["treatment"])

    # Phone: a header of at most 72 px, with a Menu button of at least 44 x 44 px.
    assert box(page, ".site-header")["height"] <= 72
    toggle = box(page, ".site-menu__toggle")
    assert toggle["width"] >= 44 and toggle["height"] >= 44
    menu_link = page.get_by_role("navigation", name="Main").get_by_role("link").first
    assert not menu_link.is_visible()
    page.get_by_text("Menu", exact=True).click()
    assert menu_link.is_visible()
    page.get_by_text("Menu", exact=True).click()

    # The call and book bar stays at the bottom of the screen while the patient reads,
    # and leaves the end of the page uncovered.
    page.evaluate("window.scrollTo({top: 2500, behavior: 'instant'})")
    assert page.evaluate("window.scrollY") >= 2500
    bar = box(page, ".site-actions")
    assert abs(bar["y"] + bar["height"] - PHONE["height"]) <= 1
    for link in (".site-actions__call", ".site-actions__book"):
        assert page.locator(link).is_visible() and box(page, link)["height"] >= 44
    assert page.locator(".site-actions__call").get_attribute("href").startswith("tel:")
    page.evaluate("window.scrollTo({top: document.body.scrollHeight, behavior: 'instant'})")
    last_line = box(page, ".site-footer__legal p:last-child")
    assert last_line["y"] + last_line["height"] <= box(page, ".site-actions")["y"]

    # Laptops and desktops: everything in one header row, the bar gone from the bottom.
    for width in (1024, 1366, 1920):
        page.set_viewport_size({"width": width, "height": 900})
        page.evaluate("window.scrollTo({top: 0, behavior: 'instant'})")
        assert header_rows(page) == 1, f"header wraps at {width} px"
        assert box(page, ".site-header")["height"] <= 80
        assert page.get_by_role("navigation", name="Main").get_by_role("link").first.is_visible()
        header = box(page, ".site-header")
        bar = box(page, ".site-actions")
        assert bar["y"] + bar["height"] <= header["y"] + header["height"]

    # The treatment page's booking box sits beside its content, and is accessible there.
    page.set_viewport_size(LAPTOP)
    content, booking = box(page, ".treatment__main"), box(page, ".booking-box")
    assert booking["x"] >= content["x"] + content["width"]
    assert booking["y"] < content["y"] + content["height"]
    booking_box = page.get_by_role("complementary", name=re.compile("^Thinking about"))
    assert re.search(r"From £\d", booking_box.inner_text())
    assert booking_box.get_by_role("link", name="Book a consultation").is_visible()
    assert booking_box.locator("a[href^='tel:']").is_visible()
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)


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
