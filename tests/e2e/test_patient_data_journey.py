"""
A patient asks for their data, then for its erasure: the practice manager finds
their requests by e-mail address, exports them, erases them, and checks the
audit log; each admin page passes axe-core's WCAG 2.2 AA rules and is usable
by keyboard from where it puts the focus.
"""

import json

from django.apps import apps
from django.contrib.auth.models import Permission

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import DESKTOP, axe_violations, describe_violations, screenshot

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PATIENT = {"name": "Sam Rights-Example", "email": "sam.rights@example.com"}


@pytest.fixture
def patient_request(demo_site):
    from tests.consultations.factories import ConsultationRequestFactory

    page = apps.get_model("consultations.ConsultationPage").objects.live().first()
    return ConsultationRequestFactory(
        page=page, message="Asking about peels.", status="closed", **PATIENT
    )


def assert_accessible(page, name):
    violations = axe_violations(page)
    assert not violations, f"{name}:\n{describe_violations(violations)}"
    screenshot(page, f"patient-data-{name}")


def test_a_patient_s_requests_are_found_exported_and_erased(
    demo_site, new_page, admin_login, make_staff_user, patient_request
):
    user, password = make_staff_user("manager", "Front desk")
    user.user_permissions.add(
        Permission.objects.get(codename="manage_subject_rights"),
        Permission.objects.get(codename="view_audit_log"),
    )
    page = new_page(DESKTOP, accept_downloads=True)
    admin_login(page, user.username, password)

    page.get_by_role("link", name="Patient data requests").click()
    expect(page.get_by_role("heading", name="Find a patient's requests")).to_be_visible()
    expect(page.get_by_label("E-mail address")).to_be_focused()
    assert_accessible(page, "find")

    page.keyboard.type(PATIENT["email"].upper())
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="1 request found")).to_be_visible()
    expect(page.get_by_role("checkbox", name=patient_request.reference)).to_be_checked()
    assert_accessible(page, "found")

    page.get_by_role("button", name="Export…").click()
    expect(page.get_by_role("heading", name="Export this request for the patient?")).to_be_visible()
    page.get_by_role("radio", name="JSON (for another system)").check()
    assert_accessible(page, "export-confirm")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Yes, export").click()
    exported = json.loads(download_info.value.path().read_text())
    assert exported["consultation_requests"][0]["email"] == PATIENT["email"]

    # The download leaves the confirmation open: back to the list, the patient still chosen.
    page.get_by_role("button", name="No, go back").click()
    expect(page.get_by_role("heading", name="1 request found")).to_be_visible()
    page.get_by_role("button", name="Erase…").click()
    expect(page.get_by_role("heading", name="Erase this request permanently?")).to_be_visible()
    assert_accessible(page, "erase-confirm")
    page.get_by_role("button", name="Yes, erase permanently").click()
    expect(page.locator(".messages")).to_contain_text("1 request erased.")
    assert not patient_request.__class__.objects.filter(pk=patient_request.pk).exists()

    page.goto(demo_site.url + "/admin/reports/consultations-audit-log/")
    main = page.locator("main")
    expect(main).to_contain_text("Erased at the patient's request")
    expect(main).to_contain_text("Exported for the patient's access request (JSON)")
    expect(main).not_to_contain_text(PATIENT["name"])
    assert_accessible(page, "audit-log")
