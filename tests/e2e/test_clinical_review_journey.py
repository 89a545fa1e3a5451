"""
Staff roles doing their jobs in the Wagtail admin: a marketing editor writes an
article and submits it to the clinical review; a clinical reviewer approves it and
the live page names them with today's date (in the HTML and the JSON-LD); the
editor's next change goes back to the review. A shared answer changed by the
editor stays a draft until the reviewer approves it, then every page shows it.
A comment moderator approves a reader's comment. A clinical reviewer finds an
article whose review interval has passed in their dashboard queue and in the
"Content due for medical review" report, with the date its review fell due.
"""

import datetime
import json
import re

from django.apps import apps
from django.utils import dateformat, timezone

import pytest
from playwright.sync_api import expect
from wagtail.models import Page, WorkflowState

from clinic_site.review_due import add_months
from tests.e2e.browser import DESKTOP, screenshot

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ADMIN_TIMEOUT = 30_000
TITLE = "Numbing cream before injections"
SHARED_QUESTION = "How long does Botox last?"
NEW_ANSWER = "For most people the effect fades over ten to fourteen weeks."
REVIEWER_NAME = "Dr Ana Silva"


@pytest.fixture
def staff(make_staff_user, settings):
    """An editor, and a clinical reviewer linked to the demo's Dr Ana Silva."""
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0  # drafts saved only when asked (see the editor journey)
    editor = make_staff_user("marketing", "Marketing editor")
    reviewer = make_staff_user("ana", "Clinical reviewer")
    author = apps.get_model("clinic_site.Author").objects.get(name=REVIEWER_NAME)
    author.user = reviewer[0]
    author.save()
    return {"editor": editor, "reviewer": reviewer}


def signed_in(new_page, admin_login, account):
    page = new_page(DESKTOP)
    page.set_default_timeout(ADMIN_TIMEOUT)
    user, password = account
    admin_login(page, user.username, password)
    return page


def choose_action(page, name):
    """An action from the menu at the foot of the editor, e.g. 'Submit to Clinical review'."""
    page.get_by_role("button", name="More actions").click()
    with page.expect_navigation():
        page.get_by_role("button", name=name).click()
    page.wait_for_load_state()


def approve(page):
    page.get_by_role("button", name="More actions").click()
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile(r"^Approve")).first.click()
    page.wait_for_load_state()


def json_ld(page):
    found = []
    for text in page.locator('script[type="application/ld+json"]').all_text_contents():
        data = json.loads(text)
        found.extend(data if isinstance(data, list) else [data])
    return found


def test_editor_submits_reviewer_approves_and_an_edit_goes_back_to_review(
    demo_site, new_page, admin_login, staff
):
    editor = signed_in(new_page, admin_login, staff["editor"])
    blog = Page.objects.get(slug="blog")
    editor.goto(demo_site.url + f"/admin/pages/{blog.pk}/add_subpage/")
    editor.get_by_role("textbox", name="Title*").fill(TITLE)
    editor.get_by_role("textbox", name="Introduction").fill("Whether it helps, and when to use it.")
    expect(editor.get_by_role("button", name="Publish")).to_have_count(0)
    choose_action(editor, "Submit to Clinical review")
    expect(editor.locator(".messages")).to_contain_text("submitted for moderation")
    post = apps.get_model("blog.BlogPostPage").objects.get(title=TITLE)
    assert not post.live

    # The clinical reviewer finds it on the dashboard and approves it.
    reviewer = signed_in(new_page, admin_login, staff["reviewer"])
    awaiting = reviewer.get_by_role("region", name="Awaiting your review")
    expect(awaiting).to_contain_text(TITLE)
    reviewer.goto(demo_site.url + f"/admin/pages/{post.pk}/edit/")
    approve(reviewer)
    post.refresh_from_db()
    assert post.live

    reviewer.goto(demo_site.url + post.url)
    today = timezone.localdate()
    expect(reviewer.locator(".post-review")).to_have_text(
        re.compile(
            rf"Medically reviewed by {REVIEWER_NAME}.* on {dateformat.format(today, 'j F Y')}"
        )
    )
    (medical,) = [obj for obj in json_ld(reviewer) if obj.get("@type") == "MedicalWebPage"]
    assert medical["reviewedBy"]["name"] == REVIEWER_NAME
    assert medical["lastReviewed"] == today.isoformat()
    screenshot(reviewer, "journey-review-approved-article")

    # The editor's next change goes back to the reviewer; the live page keeps the approved one.
    editor.goto(demo_site.url + f"/admin/pages/{post.pk}/edit/")
    editor.get_by_role("textbox", name="Introduction").fill("A new claim to check.")
    choose_action(editor, "Submit to Clinical review")
    assert WorkflowState.objects.filter(object_id=str(post.pk), status="in_progress").exists()
    editor.goto(demo_site.url + post.url)
    expect(editor.locator("main")).not_to_contain_text("A new claim to check.")
    expect(editor.locator(".post-review")).to_contain_text(REVIEWER_NAME)

    # A shared answer: a draft until approved, then on every page that shows it.
    question = apps.get_model("treatments.Question").objects.get(question=SHARED_QUESTION)
    pages = list(question.get_pages_shown_on())
    assert len(pages) >= 2
    editor.goto(demo_site.url + f"/admin/snippets/treatments/question/edit/{question.pk}/")
    expect(editor.locator("main")).to_contain_text(f"This answer is shown on {len(pages)} pages")
    answer = editor.get_by_role("region", name="Answer*").get_by_role("textbox")
    answer.click()
    answer.press("ControlOrMeta+a")
    answer.press_sequentially(NEW_ANSWER)
    expect(editor.locator("input[name=answer]")).to_have_value(re.compile("ten to fourteen"))
    choose_action(editor, "Submit to Clinical review")
    for shown in pages:
        editor.goto(demo_site.url + shown.url)
        expect(editor.locator("main")).not_to_contain_text(NEW_ANSWER)

    reviewer.goto(demo_site.url + f"/admin/snippets/treatments/question/edit/{question.pk}/")
    approve(reviewer)
    for shown in pages:
        reviewer.goto(demo_site.url + shown.url)
        expect(reviewer.locator("main")).to_contain_text(NEW_ANSWER)


def test_comment_moderator_approves_a_readers_comment(
    demo_site, new_page, admin_login, make_staff_user
):
    post = apps.get_model("blog.BlogPostPage").objects.live().first()
    comment = apps.get_model("blog.BlogComment").objects.create(
        post=post, name="Maria Example", email="maria@example.org", body="Does it hurt much?"
    )
    moderator = signed_in(new_page, admin_login, make_staff_user("mod", "Comment moderator"))

    moderator.goto(demo_site.url + "/admin/snippets/blog/blogcomment/?status=pending")
    row = moderator.get_by_role("row").filter(has_text="Maria Example")
    row.get_by_role("checkbox").check()
    moderator.get_by_role("link", name="Approve the selected comments").click()
    with moderator.expect_navigation():
        moderator.get_by_role("button", name="Yes").click()

    comment.refresh_from_db()
    assert comment.status == "approved"
    moderator.goto(demo_site.url + post.url)
    expect(moderator.locator("main")).to_contain_text("Does it hurt much?")


def test_reviewer_finds_an_article_past_its_review_interval_in_the_queue_and_the_report(
    demo_site, new_page, admin_login, staff
):
    posts = apps.get_model("blog.BlogPostPage")
    post = posts.objects.live().order_by("title").first()
    author = apps.get_model("clinic_site.Author").objects.get(name=REVIEWER_NAME)
    last = timezone.localdate() - datetime.timedelta(days=3 * 365)
    posts.objects.filter(pk=post.pk).update(reviewer=author, last_reviewed=last)
    due = add_months(last, 12)  # the demo clinic keeps the default interval

    reviewer = signed_in(new_page, admin_login, staff["reviewer"])
    queue = reviewer.get_by_role("region", name="Your medical review queue")
    expect(queue).to_contain_text(post.title)
    expect(queue.get_by_role("row").filter(has_text=post.title)).to_contain_text(
        dateformat.format(last, "j F Y")
    )
    with reviewer.expect_navigation():
        queue.get_by_role("link", name=re.compile("Open the report")).click()

    expect(reviewer.get_by_role("heading", level=1)).to_contain_text(
        "Content due for medical review"
    )
    row = reviewer.get_by_role("row").filter(has_text=post.title)
    expect(row).to_contain_text("Overdue")
    expect(row).to_contain_text(dateformat.format(last, "j F Y"))
    expect(row).to_contain_text(dateformat.format(due, "j F Y"))
    expect(row).to_contain_text(REVIEWER_NAME)
    screenshot(reviewer, "journey-review-due-report")
