"""The core's part of `load_demo_content`: general pages, legal links, team, locations."""

import pytest

from clinic_site.models import ClinicSettings, LocationPage, StandardPage

HOST = {"HTTP_HOST": "127.0.0.1:8000"}


@pytest.mark.django_db
def test_demo_has_the_general_pages_a_clinic_must_publish(demo, client):
    titles = set(StandardPage.objects.live().values_list("title", flat=True))

    assert {
        "About us",
        "Contact us",
        "Prices",
        "Privacy notice",
        "Accessibility statement",
        "Complaints",
    } <= titles


@pytest.mark.django_db
def test_demo_footer_links_the_legal_pages_and_the_form_links_the_privacy_notice(demo, client):
    clinic = ClinicSettings.objects.get()
    html = client.get("/", **HOST).content.decode()
    form = client.get("/book-a-consultation/", **HOST).content.decode()

    footer = html[html.index('aria-label="Legal information"') :]
    for title in ["Privacy notice", "Accessibility statement", "Complaints"]:
        assert f">{title}</a>" in footer
    assert clinic.privacy_notice_url == "/privacy-notice/"
    assert 'href="/privacy-notice/"' in form


@pytest.mark.django_db
def test_demo_has_two_locations_with_structured_hours_in_the_footer(demo, client):
    locations = LocationPage.objects.live().order_by("path")
    html = client.get("/", **HOST).content.decode()
    footer = html[html.index('<footer class="site-footer">') :]

    assert locations.count() == 2
    for location in locations:
        assert location.opening_hours.count() >= 3
        assert location.hours_exceptions.exists()
        assert location.has_geo
        assert f'href="{location.url}"' in footer
    assert "today" in footer
