"""
A patient on a phone: from the home page through an article and a treatment to
a consultation request, with the mouse and then with the keyboard alone.
"""

import re

from django.apps import apps

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import PHONE, screenshot
from tests.e2e.site_pages import (
    consultation_path,
    fill_consultation_form,
    submit_consultation_form,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ARTICLE = "Botox for migraines: how it works"
TREATMENT = "Botox for migraines"
PATIENT = {"name": "Robin Testpatient", "email": "robin.testpatient@example.com"}
MESSAGE = "Migraines most weeks since the spring."


@pytest.fixture
def consultations(settings):
    """The consultations app's models; the form can be sent straight after it is shown."""
    settings.CONSULTATIONS_MIN_FILL_SECONDS = 0
    return apps.get_model("consultations.ConsultationRequest")


def test_patient_goes_from_an_article_to_a_consultation_request(
    demo_site, new_page, consultations, mailoutbox
):
    page = new_page(PHONE)

    # The questions page first: part of a word, in any case, keeps and opens its answer.
    page.goto(demo_site.url + "/questions-to-ask-before-botox/")
    page.get_by_label("Find a question on this page").fill("SCRAT")  # "a quick scratch"
    expect(page.locator("details", has_text="Does it hurt?")).to_have_attribute("open", "")
    expect(page.get_by_text("How long does Botox last?")).to_be_hidden()
    expect(page.locator("#faq-filter-status")).to_have_text("1 question matches.")

    page.goto(demo_site.url + "/")

    # Home -> the article, from the latest articles.
    page.get_by_role("link", name=ARTICLE).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(ARTICLE)

    # The table of contents jumps to its section.
    contents = page.get_by_role("navigation", name="In this article")
    entry = contents.get_by_role("link").nth(1)
    target = entry.get_attribute("href")
    entry.click()
    expect(page).to_have_url(re.compile(re.escape(target) + "$"))
    expect(page.locator(target)).to_be_in_viewport()

    # The related treatment is listed; the article's own call to action offers a
    # virtual consultation and opens the form with that and the treatment chosen.
    expect(
        page.get_by_role("region", name="Related treatments").get_by_role("link", name=TREATMENT)
    ).to_be_visible()
    article_url = page.url.split("#", 1)[0]
    page.get_by_role("link", name="Book a virtual consultation").first.click()
    expect(page).to_have_url(re.compile(r"\?treatment=botox-for-migraines&type=virtual$"))
    treatment = page.get_by_label("Treatment you are interested in")
    expect(treatment.locator("option:checked")).to_have_text(TREATMENT)
    expect(page.get_by_role("radio", name="Virtual (video or phone)")).to_be_checked()

    # Sent without a name: the summary is announced and links to the field.
    fill_consultation_form(page, name="", email=PATIENT["email"], treatment=TREATMENT)
    page.get_by_label("Anything you would like us to know").fill(MESSAGE)
    submit_consultation_form(page)
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("There is a problem with your answer")
    expect(summary).to_be_focused()  # the patient lands on what to fix
    expect(summary).to_be_in_viewport()
    screenshot(page, "journey-patient-form-error")
    summary.get_by_role("link", name="Enter your name.").click()
    expect(page.get_by_label("Your name")).to_be_focused()
    # What was typed is kept.
    expect(page.get_by_label("E-mail address")).to_have_value(PATIENT["email"])
    expect(page.get_by_label("Anything you would like us to know")).to_have_value(MESSAGE)
    expect(treatment.locator("option:checked")).to_have_text(TREATMENT)

    page.keyboard.type(PATIENT["name"])
    page.locator("input[name=consent]").check()  # a ticked box is not sent back ticked
    submit_consultation_form(page)
    expect(page).to_have_url(re.compile(r"/thank-you/[^/]+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you, we have your request")
    expect(page.locator("main")).not_to_contain_text(PATIENT["name"])
    expect(page.locator("main")).not_to_contain_text(MESSAGE)

    stored = consultations.objects.get()
    consultation_page = stored.page.specific
    assert stored.name == PATIENT["name"]
    assert stored.email == PATIENT["email"]
    assert stored.message == MESSAGE
    assert stored.treatment.title == TREATMENT
    assert stored.treatment_title == TREATMENT
    assert stored.preferred_contact == "email"
    assert stored.patient_status == "new"
    assert stored.status == "new"
    assert stored.consent_version == consultation_page.consent_version
    assert stored.consent_text == consultation_page.consent_text
    assert article_url.endswith(stored.referrer_path)
    assert stored.consultation_type == "virtual"
    expect(page.locator(".consult-thanks__reference")).to_contain_text(stored.reference)
    expect(page.locator(".consult-summary")).to_contain_text(TREATMENT)

    staff = [m for m in mailoutbox if "frontdesk@harbour-clinic.example" in m.to]
    assert len(staff) == 1
    notice = staff[0].subject + staff[0].body
    assert stored.reference in notice
    for private in (PATIENT["name"], PATIENT["email"], MESSAGE, TREATMENT):
        assert private not in notice


def focus_report(page):
    """
    What has keyboard focus, whether its focus ring shows and whether it can be
    seen: inside the viewport once the (smooth) scroll to it has ended, and the
    topmost thing at its centre, so no sticky bar covers it.
    """
    return page.evaluate(
        """async () => {
        const settled = () => new Promise((resolve) => setTimeout(resolve, 60));
        for (let last = null; last !== scrollY; await settled()) last = scrollY;
        const el = document.activeElement;
        const style = getComputedStyle(el);
        const box = el.getBoundingClientRect();
        const line = el.getClientRects()[0] || box;  // a link may wrap onto two lines
        const hit = document.elementFromPoint(
          line.left + line.width / 2, line.top + line.height / 2);
        return {
          tag: el.tagName.toLowerCase(), type: el.type || "", name: el.name || "",
          text: (el.textContent || "").trim().slice(0, 40),
          ring: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
          box: [box.top, box.bottom, innerHeight],
          // (less than a pixel of rounding allowed)
          inside: box.top >= -1 && box.left >= -1 && box.bottom <= innerHeight + 1
                  && box.right <= innerWidth + 1,
          uncovered: hit !== null && (hit === el || el.contains(hit)
                     || [...(el.labels || [])].some((l) => l.contains(hit))),
        };
    }"""
    )


def test_consultation_form_can_be_completed_with_the_keyboard_alone(
    demo_site, new_page, consultations
):
    page = new_page(PHONE)
    page.goto(demo_site.url + consultation_path())
    typing = {"name": PATIENT["name"], "email": PATIENT["email"]}
    ticked = set()
    hidden_focus = []

    for _stop in range(80):
        page.keyboard.press("Tab")
        focus = focus_report(page)
        if not (focus["ring"] and focus["inside"] and focus["uncovered"]):
            hidden_focus.append(focus)
        if focus["name"] in typing:
            page.keyboard.type(typing.pop(focus["name"]))
        elif focus["name"] == "treatment" and "treatment" not in ticked:
            # A closed select picks the option a keyboard user types the start of.
            page.keyboard.type("Not sure")
            ticked.add(focus["name"])
        elif focus["type"] in ("radio", "checkbox") and focus["name"] not in ticked:
            # The first of each required group; Space picks it.
            if focus["name"] in ("preferred_contact", "patient_status", "consultation_type"):
                page.keyboard.press("Space")
                ticked.add(focus["name"])
            elif focus["name"] == "consent":
                page.keyboard.press("Space")
                ticked.add(focus["name"])
        elif focus["tag"] == "button" and focus["type"] == "submit" and not typing:
            if page.evaluate("document.activeElement.form !== null"):
                with page.expect_navigation():
                    page.keyboard.press("Enter")
                break
    else:
        pytest.fail("the form's submit button was never reached with Tab")

    assert not hidden_focus, f"focus not visible at: {hidden_focus}"
    expect(page).to_have_url(re.compile(r"/thank-you/[^/]+/$"))
    stored = consultations.objects.get()
    assert (stored.name, stored.email) == (PATIENT["name"], PATIENT["email"])
    assert stored.preferred_contact == "email"
    assert stored.consultation_type == "virtual"
    assert stored.treatment is None  # "Not sure yet", as typed
