"""
The header every page shares: the clinic's name, the menu disclosure, and the
call and book links (a bar along the bottom of a phone's screen, in the header
row on wider screens). The layout itself is checked in a browser by
tests/e2e/test_accessibility.py.
"""

import re

import pytest

from clinic_site.models import StandardPage
from tests.clinic_site.factories import make_clinic_settings, make_home_page, make_page


@pytest.fixture(scope="module")
def site_pages(module_db):
    home = make_home_page()
    clinic = make_clinic_settings()
    make_page(home, model=StandardPage, title="About us", slug="about", show_in_menus=True)
    book = make_page(
        home, model=StandardPage, title="Book a consultation", slug="book", show_in_menus=True
    )
    clinic.consultation_page = book
    clinic.save()
    return home, book


@pytest.fixture
def header(client, site_pages, db):
    html = client.get("/about/").content.decode()
    return re.search(r'<header class="site-header">.*?</header>', html, re.S).group()


def test_header_offers_a_call_link_with_the_clinics_number(header):
    call = re.search(
        r'<a class="site-actions__call" href="tel:\+441614960000">(.*?)</a>', header, re.S
    )

    assert call, "no call link to the clinic's number"
    assert "+44 161 496 0000" in call.group(1)
    assert "Call" in call.group(1)  # the spoken name says what the link does


def test_header_offers_the_consultation_page_as_its_book_button(header):
    assert re.search(r'class="button site-actions__book" href="/book/"', header)


def test_menu_is_a_disclosure_holding_the_navigation_and_search(header):
    menu = re.search(r'<details class="site-menu">.*?</details>', header, re.S).group()

    assert re.search(r"<summary[^>]*>.*Menu.*</summary>", menu, re.S)
    assert '<nav class="main-nav" aria-label="Main">' in menu
    assert 'role="search"' in menu


def test_menu_leaves_out_the_consultation_page_the_book_button_already_offers(header):
    nav = re.search(r'<nav class="main-nav".*?</nav>', header, re.S).group()

    assert '<a href="/about/" aria-current="page">About us</a>' in nav
    assert "/book/" not in nav


def test_menu_lists_the_consultation_page_when_it_is_not_the_book_button(client, site_pages, db):
    home, book = site_pages
    clinic = make_clinic_settings()
    clinic.consultation_page = None
    clinic.save()

    html = client.get("/about/").content.decode()

    nav = re.search(r'<nav class="main-nav".*?</nav>', html, re.S).group()
    assert '<a href="/book/">Book a consultation</a>' in nav
    assert "site-actions__book" not in html


def test_header_has_no_inline_script_or_style(header):
    assert "<script" not in header
    assert "style=" not in header
