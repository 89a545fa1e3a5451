"""
A front-desk morning on a phone (390 px): find a patient's request by the
number they called from, call and e-mail them from links, assign it, set a
follow-up, add two notes, bulk-mark three requests contacted and export the
list; every page fits the screen and passes axe-core's WCAG 2.2 AA rules.
"""

import datetime
import io

from django.apps import apps
from django.urls import reverse
from django.utils import timezone

import openpyxl
import pytest
from playwright.sync_api import expect

from tests.e2e.browser import PHONE, axe_violations, describe_violations, screenshot

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PATIENT = {
    "name": "Jamie Quinlan-Example",
    "email": "jamie.quinlan@example.com",
    "phone": "07700 900123",
}
OTHERS = ["Ruth Ellison-Example", "Omar Haddad-Example", "Priya Natarajan-Example"]


@pytest.fixture
def requests(demo_site):
    from tests.consultations.factories import ConsultationRequestFactory

    page = apps.get_model("consultations.ConsultationPage").objects.live().first()
    answers = {"area": {"label": "Which area would you like treated?", "value": "Forehead"}}
    patient = ConsultationRequestFactory(
        page=page, consultation_type="in_person", extra_answers=answers, **PATIENT
    )
    others = [
        ConsultationRequestFactory(page=page, name=name, phone=f"07700 90045{n}")
        for n, name in enumerate(OTHERS)
    ]
    return patient, others


def check_page(page, name):
    """Fits the phone's width and passes axe."""
    fits = page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
    assert fits, f"{name}: the page scrolls sideways at 390 px"
    violations = axe_violations(page)
    assert not violations, f"{name}:\n{describe_violations(violations)}"
    screenshot(page, f"front-desk-day-{name}")


def test_a_front_desk_morning_on_a_phone(
    demo_site, new_page, admin_login, make_staff_user, requests
):
    patient, others = requests
    user, password = make_staff_user("desk", "Front desk")
    page = new_page(PHONE, accept_downloads=True)
    admin_login(page, user.username, password)
    index = demo_site.url + reverse("consultationrequest:index")

    # Found by the number written another way.
    page.goto(index)
    check_page(page, "list")
    search = page.get_by_role("textbox", name="Search term")
    search.fill("+44 7700 900123")
    search.press("Enter")
    expect(page.get_by_role("link", name=PATIENT["name"])).to_have_count(1)
    expect(page.get_by_role("link", name=OTHERS[0])).to_have_count(0)
    page.get_by_role("link", name=PATIENT["name"]).click()

    # Call and e-mail from the request's own page, titled by its reference.
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Request {patient.reference}")
    expect(page.get_by_role("link", name=f"Call {PATIENT['phone']}")).to_have_attribute(
        "href", "tel:07700900123"
    )
    expect(page.get_by_role("link", name=f"E-mail {PATIENT['email']}")).to_have_attribute(
        "href", f"mailto:{PATIENT['email']}"
    )
    check_page(page, "request")

    # Assigned, a follow-up, two notes: both kept, with who wrote them.
    follow_up = timezone.localdate() + datetime.timedelta(days=1)
    page.get_by_label("Assigned to").select_option(label="desk")
    page.get_by_label("Follow up on").fill(follow_up.isoformat())
    page.get_by_label("Add a note").fill("Left a voicemail.")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".messages")).to_contain_text(f"Request {patient.reference} saved.")
    page.get_by_label("Add a note").fill("Called back: booking Tuesday.")
    page.get_by_label("Status").select_option(label="Contacted")
    page.get_by_role("button", name="Save").click()
    notes = page.locator(".consult-notes__item")
    expect(notes).to_have_count(2)
    expect(notes.nth(0)).to_contain_text("Left a voicemail.")
    expect(notes.nth(1)).to_contain_text("Called back: booking Tuesday.")
    expect(page.locator("main")).to_contain_text("Status changed from New to Contacted")
    page.reload()  # without the fading "saved" message, which axe would catch mid-fade
    check_page(page, "request-saved")
    patient.refresh_from_db()
    assert (patient.assignee, patient.follow_up_on, patient.status) == (
        user,
        follow_up,
        "contacted",
    )

    # Three others marked contacted at once from the list.
    page.goto(index)
    for name in OTHERS:
        page.get_by_role("row", name=name).get_by_role("checkbox").check()
    page.get_by_role("link", name="Change the status of the selected requests").click()
    expect(page.get_by_role("heading", name="Change status")).to_be_visible()
    page.get_by_label("New status").select_option(label="Contacted")
    check_page(page, "bulk-confirm")
    page.get_by_role("button", name="Change status").click()
    expect(page.locator(".messages")).to_contain_text("3 requests marked contacted.")
    statuses = {r.name: r.status for r in patient.__class__.objects.all()}
    assert statuses == {PATIENT["name"]: "contacted", **dict.fromkeys(OTHERS, "contacted")}

    # The export reads as a person would.
    page.get_by_role("button", name="Actions").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download XLSX").click()
    sheet = openpyxl.load_workbook(io.BytesIO(download.value.path().read_bytes())).active
    rows = list(sheet.values)
    row = dict(zip(rows[0], next(r for r in rows if PATIENT["name"] in r), strict=True))
    assert row["Consultation type"] == "In person at the clinic"
    assert row["Status"] == "Contacted"
    assert row["Agreed to marketing"] == "No"
    assert row["Assigned to"] == "desk"
    assert row["Which area would you like treated?"] == "Forehead"
    received = timezone.make_naive(timezone.localtime(patient.created_at))
    assert row["Received"] == received.replace(second=0, microsecond=0)
