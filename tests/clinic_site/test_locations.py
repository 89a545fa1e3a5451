"""Clinic locations: address, map link, opening hours, the footer's today and structured data."""

import datetime
import json

from django.core.exceptions import ValidationError
from django.utils import timezone

import pytest

from clinic_site.models import (
    LocationIndexPage,
    LocationPage,
    OpeningHours,
    OpeningHoursException,
    StandardPage,
)
from tests.clinic_site.factories import (
    ImageFactory,
    make_clinic_settings,
    make_home_page,
    make_page,
)

TODAY = timezone.localdate()
EVERY_DAY = range(7)


def hours(days, opens, closes):
    return [
        OpeningHours(
            weekday=day,
            opens=datetime.time.fromisoformat(opens),
            closes=datetime.time.fromisoformat(closes),
        )
        for day in days
    ]


def make_location(index, slug, **fields):
    fields.setdefault("title", slug.title())
    fields.setdefault("street_address", "4 Mill Lane")
    fields.setdefault("address_locality", "Manchester")
    fields.setdefault("postal_code", "M1 1AA")
    return make_page(index, model=LocationPage, slug=slug, **fields)


@pytest.fixture(scope="module")
def site(module_db):
    home = make_home_page()
    clinic = make_clinic_settings()
    clinic.price_range = "££"
    clinic.logo = ImageFactory()
    clinic.save()
    index = make_page(home, model=LocationIndexPage, title="Locations", slug="locations")
    mill = make_location(
        index,
        "mill-lane",
        title="Mill Lane",
        address_region="Greater Manchester",
        latitude="53.480759",
        longitude="-2.242631",
        accessibility="Step-free entrance on Mill Lane.",
        parking="Blue-badge bays in the yard.",
        opening_hours=[
            *hours([0, 1, 2, 3, 4], "09:00", "18:00"),
            *hours([5], "10:00", "13:00"),
        ],
        hours_exceptions=[
            OpeningHoursException(
                starts=TODAY + datetime.timedelta(days=20),
                ends=TODAY + datetime.timedelta(days=21),
                reason="Staff training",
            )
        ],
    )
    closed_today = make_location(
        index,
        "ancoats",
        title="Ancoats",
        postal_code="M4 6BF",
        opening_hours=hours(EVERY_DAY, "08:30", "17:00"),
        hours_exceptions=[OpeningHoursException(starts=TODAY, reason="Bank holiday")],
    )
    about = make_page(home, model=StandardPage, title="About", slug="about")
    return {"home": home, "index": index, "mill": mill, "ancoats": closed_today, "about": about}


def json_ld(html):
    return [
        json.loads(chunk.split("</script>")[0])
        for chunk in html.split('<script type="application/ld+json">')[1:]
    ]


@pytest.mark.django_db
def test_location_page_shows_address_weekly_hours_holidays_and_a_plain_map_link(client, site):
    html = client.get("/locations/mill-lane/").content.decode()

    assert "4 Mill Lane<br>Manchester M1 1AA<br>Greater Manchester" in html
    assert '<th scope="row">Monday</th><td>09:00–18:00</td>' in html
    assert '<th scope="row">Sunday</th><td>Closed</td>' in html
    assert "<strong>Staff training</strong>" in html
    assert "https://www.openstreetmap.org/?mlat=53.480759&amp;mlon=-2.242631" in html
    assert "Step-free entrance on Mill Lane." in html and "Blue-badge bays" in html
    assert "<script src=" not in html and "<iframe" not in html


@pytest.mark.django_db
def test_a_holiday_today_overrides_the_weekly_hours(client, site):
    html = client.get("/locations/ancoats/").content.decode()

    assert "Closed today" in html.split("<table")[0]
    assert site["ancoats"].weekly_hours()[TODAY.weekday()][1]  # normally open today


@pytest.mark.django_db
def test_footer_of_every_page_shows_each_location_with_its_hours_today(client, site):
    html = client.get("/about/").content.decode()
    footer = html[html.index('<footer class="site-footer">') :]
    mill_today = "Open today: 09:00–18:00" if TODAY.weekday() < 5 else ""

    assert 'href="/locations/mill-lane/"' in footer and 'href="/locations/ancoats/"' in footer
    assert "Manchester M4 6BF" in footer
    assert "Closed today" in footer  # Ancoats' holiday
    assert mill_today in footer
    assert "4 Mill Lane\nManchester M1 1AA" not in footer  # the settings' address gives way


@pytest.mark.django_db
def test_location_is_a_medical_clinic_with_address_geo_hours_price_range_and_logo(client, site):
    html = client.get("/locations/mill-lane/").content.decode()
    clinic = next(obj for obj in json_ld(html) if obj["@type"] == "MedicalClinic")

    assert clinic["name"] == "Riverside Skin Clinic, Mill Lane"
    assert clinic["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "4 Mill Lane",
        "addressLocality": "Manchester",
        "addressRegion": "Greater Manchester",
        "postalCode": "M1 1AA",
        "addressCountry": "GB",
    }
    assert clinic["geo"] == {
        "@type": "GeoCoordinates",
        "latitude": 53.480759,
        "longitude": -2.242631,
    }
    monday = clinic["openingHoursSpecification"][0]
    assert monday["dayOfWeek"] == "https://schema.org/Monday"
    assert (monday["opens"], monday["closes"]) == ("09:00", "18:00")
    assert len(clinic["openingHoursSpecification"]) == 6
    training = clinic["specialOpeningHoursSpecification"][0]
    assert (training["opens"], training["closes"]) == ("00:00", "00:00")
    assert clinic["priceRange"] == "££"
    assert clinic["logo"].startswith("http://")
    assert clinic["telephone"] == "+44 161 496 0000"


@pytest.mark.django_db
def test_locations_page_lists_locations_with_todays_hours(client, site):
    html = client.get("/locations/").content.decode()

    assert html.count('class="card"') == 2
    assert "Closed today" in html.split("<footer")[0]


@pytest.mark.django_db
def test_apis_give_structured_address_coordinates_and_hours(client, site):
    mill = site["mill"]
    v3 = client.get(f"/api/v3/pages/{mill.pk}/").json()
    v2 = client.get(f"/api/v2/pages/{mill.pk}/").json()
    schema = client.get("/api/v3/openapi.json").json()["components"]["schemas"]

    assert v3["address"]["postal_code"] == v2["address"]["postal_code"] == "M1 1AA"
    assert v3["geo"] == {"latitude": 53.480759, "longitude": -2.242631}
    assert v3["opening_hours"][0] == {
        "weekday": 0,
        "day": "Monday",
        "opens": "09:00",
        "closes": "18:00",
    }
    assert v3["hours_exceptions"][0]["reason"] == "Staff training"
    assert v3["hours_exceptions"][0]["closed"] is True
    assert v3["map_url"].startswith("https://www.openstreetmap.org/")
    properties = schema["LocationPageSchema"]["properties"]
    assert {"address", "geo", "opening_hours", "hours_exceptions"} <= set(properties)
    assert {"type": "string"} in properties["map_url"]["anyOf"]
    assert properties["opening_hours"]["anyOf"][0]["items"]["$ref"].endswith("OpeningHoursDict")


@pytest.mark.django_db
def test_locations_are_found_by_postcode_and_listed_in_the_sitemap(client, site):
    results = client.get("/search/", {"q": "M4 6BF"}).content.decode()
    sitemap = client.get("/sitemap-pages.xml").content.decode()

    assert 'href="/locations/ancoats/"' in results
    assert "/locations/mill-lane/</loc>" in sitemap


@pytest.mark.django_db
def test_locations_go_only_under_the_locations_page(site):
    assert not LocationPage.can_create_at(site["home"])
    assert LocationPage.can_create_at(site["index"])
    assert not LocationIndexPage.can_create_at(site["home"])  # only one


def test_closing_time_must_follow_opening_time():
    row = OpeningHours(weekday=0, opens=datetime.time(18), closes=datetime.time(9))
    holiday = OpeningHoursException(
        starts=TODAY, ends=TODAY - datetime.timedelta(days=1), reason="x", opens=datetime.time(9)
    )

    with pytest.raises(ValidationError) as row_error:
        row.clean()
    with pytest.raises(ValidationError) as holiday_error:
        holiday.clean()

    assert "closes" in row_error.value.message_dict
    assert {"ends", "closes"} <= set(holiday_error.value.message_dict)


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 4])
def test_footer_locations_cost_the_same_queries_however_many_there_are(
    client, site, django_assert_num_queries, count
):
    for n in range(count):
        make_location(site["index"], f"extra-{n}", opening_hours=hours(EVERY_DAY, "09:00", "17:00"))
    client.get("/about/")

    with django_assert_num_queries(FOOTER_PAGE_QUERIES):
        assert client.get("/about/").status_code == 200


# The view restrictions the general page's list of child pages checks; the page, its
# address, chrome and the footer's locations (hours and holidays included) come from
# the content cache: the count does not grow with the locations.
FOOTER_PAGE_QUERIES = 1
