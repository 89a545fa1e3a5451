"""
The front desk in the Wagtail admin: a new request on the dashboard, opened,
marked contacted with a note, exported; and an editor kept out of all of it.
"""

import csv
import io

from django.apps import apps
from django.urls import reverse

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import DESKTOP, screenshot

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PATIENT = {"name": "Sam Frontdesk-Example", "email": "sam.example@example.com"}


@pytest.fixture
def new_request(demo_site):
    """A request as a patient leaves it: status new, staff already notified."""
    from tests.consultations.factories import ConsultationRequestFactory

    page = apps.get_model("consultations.ConsultationPage").objects.live().first()
    return ConsultationRequestFactory(page=page, **PATIENT)


def test_front_desk_triages_and_exports_a_new_request(
    demo_site, new_page, admin_login, make_staff_user, new_request
):
    user, password = make_staff_user("desk", "Front desk")
    page = new_page(DESKTOP, accept_downloads=True)
    admin_login(page, user.username, password)

    # The dashboard counts it and leads to it.
    panel = page.get_by_role("region", name="Consultation requests")
    expect(panel).to_contain_text("1 new request waiting")
    screenshot(page, "journey-front-desk-dashboard")
    panel.get_by_role("link", name="1 new request waiting").click()
    page.get_by_role("link", name=PATIENT["name"]).click()
    expect(page.locator("main")).to_contain_text(PATIENT["email"])

    # Marked contacted, with a note, on the request's own page.
    page.get_by_role("combobox", name="Status").select_option(label="Contacted")
    page.get_by_role("textbox", name="Add a note").fill("Called back, sending the price list.")
    page.get_by_role("button", name="Save").first.click()
    page.wait_for_url(f"**{reverse('consultationrequest:inspect', args=[new_request.pk])}")
    history = page.locator("main")
    expect(history).to_contain_text("Status changed from New to Contacted")
    expect(history).to_contain_text("Note added")
    screenshot(page, "journey-front-desk-request")
    new_request.refresh_from_db()
    assert new_request.status == "contacted"
    assert [note.text for note in new_request.notes.all()] == [
        "Called back, sending the price list."
    ]

    # The list, exported as CSV.
    page.goto(demo_site.url + reverse("consultationrequest:index"))
    page.get_by_role("navigation", name="Actions").get_by_role("button", name="Actions").click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download CSV").click()
    rows = list(csv.DictReader(io.StringIO(download_info.value.path().read_text())))
    assert [row["Name"] for row in rows] == [PATIENT["name"]]
    assert rows[0]["Status"] in ("contacted", "Contacted")


def test_an_editor_cannot_reach_consultation_requests(
    demo_site, new_page, admin_login, make_staff_user, new_request
):
    user, password = make_staff_user("editor", "Editors")
    page = new_page(DESKTOP)
    admin_login(page, user.username, password)

    expect(page.get_by_role("region", name="Consultation requests")).to_have_count(0)
    expect(page.get_by_role("link", name="Consultation requests")).to_have_count(0)
    for url in (
        reverse("consultationrequest:index"),
        reverse("consultationrequest:inspect", args=[new_request.pk]),
        reverse("consultationrequest:edit", args=[new_request.pk]),
        reverse("consultationrequest:index") + "?export=csv",
    ):
        response = page.goto(demo_site.url + url)
        assert response.status == 403, url
        expect(page.locator("body")).not_to_contain_text(PATIENT["name"])
