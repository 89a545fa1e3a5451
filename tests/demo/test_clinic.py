"""The core's part of `load_demo_content`: general pages, legal links, team, locations."""

import pytest

from clinic_site.models import Author, ClinicianPage, ClinicSettings, LocationPage, StandardPage

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


@pytest.mark.django_db
def test_demo_team_page_introduces_three_registered_clinicians(demo, client):
    html = client.get("/team/", **HOST).content.decode()
    clinicians = ClinicianPage.objects.live().order_by("path")

    assert clinicians.count() == 3
    for clinician in clinicians:
        assert f'href="{clinician.url}"' in html
        assert clinician.photo is not None and clinician.photo.description
        assert clinician.register_link
        assert clinician.specialties.exists()


@pytest.mark.django_db
def test_demo_authors_link_to_their_profiles_from_bylines_and_review_lines(demo, client):
    ben = Author.objects.get(name="Dr Ben Okafor")
    reviewed = ben.profile_page.specific.get_reviewed_pages()
    html = client.get(reviewed[0].url, **HOST).content.decode()

    assert Author.objects.filter(profile_page__isnull=False).count() == 3
    assert reviewed, "the medical director reviews articles in the demo"
    assert (
        f'Medically reviewed by <a href="{ben.profile_page.url}">Dr Ben Okafor, MBBS, FRCP</a> '
        '<span class="person-specialty">(Dermatology)</span>'
    ) in html
