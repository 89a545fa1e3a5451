"""
An editor in the Wagtail admin: writes, previews and submits an article with
headings and an image, changes a treatment's facts and a shared answer, and
sees each change on the live site once a clinical reviewer approves it (the
review journey drives the reviewer's side in the browser; here it is done as
the reviewer's Approve does it).

Everything is done through the admin's own screens: the block menu, the image
chooser, the preview panel and the publish menu. Only the first screen of each
task is opened by its address (the article form under the Blog, the
treatment's edit form, the shared questions' list).
"""

import re

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

import pytest
from playwright.sync_api import expect
from wagtail.models import Page

from tests.e2e.browser import DESKTOP, screenshot

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ADMIN_TIMEOUT = 30_000  # the admin is a script-heavy app on a small machine
HEADINGS = ["Before your first session", "After the injections"]
IMAGE = "Migraine injection sites"
ALT = "Injection points marked on the forehead, temples and neck"
SHARED_QUESTION = "How long does Botox last?"
NEW_ANSWER = "For most people the effect fades over ten to fourteen weeks."


@pytest.fixture
def editor(make_staff_user):
    """A marketing editor, as the roles migration creates the group."""
    return make_staff_user("editor", "Marketing editor")


def approved_by_clinician(obj):
    """What a clinical reviewer's Approve does to `obj`, submitted to the clinical review."""
    reviewer = get_user_model().objects.filter(username="clinician").first()
    if reviewer is None:
        reviewer = get_user_model().objects.create_user("clinician")
        reviewer.groups.add(Group.objects.get(name="Clinical reviewer"))
        author = apps.get_model("clinic_site.Author").objects.get(name="Dr Ana Silva")
        author.user = reviewer
        author.save()
    task_state = obj.current_workflow_task_state
    task_state.task.specific.on_action(task_state, reviewer, "approve")


@pytest.fixture
def admin_page(new_page, admin_login, editor, settings):
    # Wagtail 8 autosaves a draft about every half second while the form changes.
    # With autosave on, this scripted editor (which types far faster than a person)
    # sometimes ended on the edit form with a validation message; the cause is not
    # yet known (see the project notes). The journey is about what gets published,
    # so drafts are saved only when asked.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    page = new_page(DESKTOP)
    page.set_default_timeout(ADMIN_TIMEOUT)
    user, password = editor
    admin_login(page, user.username, password)
    return page


def insert_block(page, name):
    """Open the last 'Insert a block' menu of the body and pick a block type."""
    page.get_by_role("button", name="Insert a block").last.click()
    page.get_by_role("option", name=name, exact=True).click()


def submit(page):
    page.get_by_role("button", name="More actions").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Submit to Clinical review").click()
    page.wait_for_load_state()


def test_editor_writes_previews_and_publishes_an_article(demo_site, admin_page):
    page = admin_page
    blog = Page.objects.get(slug="blog")
    page.goto(demo_site.url + f"/admin/pages/{blog.pk}/add_subpage/")
    expect(page.get_by_role("heading", level=1)).to_have_text("New: Blog article")

    page.get_by_role("textbox", name="Title*").fill("What to expect at your Botox session")
    page.get_by_role("textbox", name="Introduction").fill(
        "A short guide to the day of your treatment and the weeks after it."
    )
    body = page.locator("#panel-child-content-body-section")
    insert_block(page, "Heading")
    # nth() waits for the new block to be drawn; the headings are filled in order.
    body.get_by_role("textbox", name="Heading*").nth(0).fill(HEADINGS[0])
    insert_block(page, "Image")
    body.get_by_role("button", name="Choose an image").last.click()
    chooser = page.get_by_role("dialog")
    chooser.get_by_role("link", name=re.compile(IMAGE)).click()
    expect(chooser).to_be_hidden()
    alt_text = body.get_by_role("textbox", name="Alt text")
    alt_text.fill("")
    insert_block(page, "Heading")
    body.get_by_role("textbox", name="Heading*").nth(1).fill(HEADINGS[1])

    # Without alt text (and not marked decorative) the article is refused.
    submit(page)
    expect(page.locator(".messages")).to_contain_text("could not be created", timeout=ADMIN_TIMEOUT)
    screenshot(page, "journey-editor-alt-text-required")
    alt_text = page.locator("#panel-child-content-body-section").get_by_role(
        "textbox", name="Alt text"
    )
    alt_text.fill(ALT)

    # The preview panel shows the article as it stands, unsaved.
    page.get_by_role("button", name="Toggle preview").click()
    preview = page.frame_locator(".w-preview__iframe, iframe[title*='Preview']").first
    expect(preview.get_by_role("navigation", name="In this article")).to_contain_text(
        HEADINGS[1], timeout=ADMIN_TIMEOUT
    )
    screenshot(page, "journey-editor-preview")
    page.get_by_role("button", name="Toggle preview").click()

    submit(page)
    post = apps.get_model("blog.BlogPostPage").objects.get(
        title="What to expect at your Botox session"
    )
    assert not post.live
    approved_by_clinician(post)
    post.refresh_from_db()
    assert post.live

    page.goto(demo_site.url + post.url)
    contents = page.get_by_role("navigation", name="In this article")
    expect(contents.get_by_role("link")).to_have_text(HEADINGS)
    for heading in HEADINGS:
        expect(page.get_by_role("heading", level=2, name=heading)).to_be_visible()
    expect(page.get_by_role("img", name=ALT)).to_be_visible()
    screenshot(page, "journey-editor-published-article")


def test_editor_changes_a_treatments_facts_and_a_shared_answer(demo_site, admin_page):
    page = admin_page
    treatment = Page.objects.get(slug="botox-for-migraines")
    page.goto(demo_site.url + f"/admin/pages/{treatment.pk}/edit/")
    page.get_by_role("tab", name="Facts").click()
    page.get_by_label("session length from (minutes)").fill("25")
    page.get_by_label("session length up to (minutes)").fill("40")
    submit(page)
    approved_by_clinician(treatment.specific)

    page.goto(demo_site.url + treatment.url)
    expect(page.locator("main")).to_contain_text("25\u201340 minutes")

    # One shared answer, used by the treatment page and the question list.
    page.goto(demo_site.url + "/admin/snippets/treatments/question/")
    page.get_by_role("link", name=SHARED_QUESTION).click()
    answer = page.get_by_role("region", name="Answer*").get_by_role("textbox")
    answer.click()
    answer.press("ControlOrMeta+a")
    answer.press_sequentially(NEW_ANSWER)
    expect(answer).to_have_text(NEW_ANSWER)
    # The editor copies its content into the form a moment after the last key.
    expect(page.locator("input[name=answer]")).to_have_value(re.compile("ten to fourteen"))
    submit(page)
    expect(page.locator(".messages")).to_contain_text(SHARED_QUESTION)
    approved_by_clinician(
        apps.get_model("treatments.Question").objects.get(question=SHARED_QUESTION)
    )

    faq_page = Page.objects.get(slug="questions-to-ask-before-botox")
    for url in (treatment.url, faq_page.url):
        page.goto(demo_site.url + url)
        expect(page.locator("main")).to_contain_text(NEW_ANSWER)
