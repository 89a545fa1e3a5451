"""The admin report 'Content due for medical review', with treatment pages."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

import pytest
from wagtail.models import GroupPagePermission

from tests.clinic_site.factories import make_home_page

from .factories import make_faq_page, make_index, make_treatment

pytestmark = pytest.mark.django_db

URL = "/admin/reports/medical-review-due/"


def days_ago(days):
    return timezone.localdate() - datetime.timedelta(days=days)


@pytest.fixture(scope="module")
def tree(module_db):
    """The pages the report reads, built once: each test changes them only in its own savepoint."""
    home = make_home_page()
    index = make_index(home)
    return home, {
        "never": make_treatment(index, title="Never reviewed", slug="never"),
        "old": make_treatment(index, title="Old review", slug="old", last_reviewed=days_ago(400)),
        "older": make_treatment(index, title="Older", slug="older", last_reviewed=days_ago(900)),
        "fresh": make_treatment(index, title="Fresh", slug="fresh", last_reviewed=days_ago(40)),
        "faq": make_faq_page(home, title="Questions", last_reviewed=days_ago(366)),
    }


@pytest.fixture
def home_page(tree, db):
    return tree[0]


@pytest.fixture
def pages(tree, db):
    return tree[1]


def titles_in(html):
    order = ["Never reviewed", "Older", "Questions", "Old review", "Fresh"]
    return sorted((t for t in order if f">{t}<" in html or f"{t}\n" in html), key=html.index)


def test_report_lists_pages_never_or_too_long_ago_reviewed_oldest_first(admin_client, pages):
    response = admin_client.get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Content due for medical review" in html
    assert titles_in(html) == ["Never reviewed", "Older", "Old review", "Questions"]
    assert "Fresh" not in titles_in(html)
    assert f'href="/admin/pages/{pages["old"].pk}/edit/"' in html


def test_report_sorts_most_recently_reviewed_first_on_request(admin_client, pages):
    html = admin_client.get(URL, {"ordering": "-last_reviewed"}).content.decode()

    assert titles_in(html) == ["Questions", "Old review", "Older", "Never reviewed"]


def test_review_interval_comes_from_the_clinic_details(admin_client, pages, clinic_settings):
    clinic_settings.review_interval_months = 1
    clinic_settings.save()

    html = admin_client.get(URL).content.decode()

    assert "Fresh" in titles_in(html)
    assert "Review interval: 1 months" in html


def test_report_is_in_the_reports_menu(admin_client, pages):
    html = admin_client.get("/admin/").content.decode()

    assert URL in html


def test_users_who_cannot_edit_pages_are_refused(client, pages):
    user = get_user_model().objects.create_user("reader", password="pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)

    assert client.get(URL).status_code in (302, 403)


def test_editors_see_only_pages_they_may_edit(client, pages, home_page):
    group = Group.objects.create(name="Treatment editors")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=group,
        page=pages["never"].get_parent(),
        permission=Permission.objects.get(codename="change_page"),
    )
    user = get_user_model().objects.create_user("editor", password="pw")
    user.groups.add(group)
    client.force_login(user)

    html = client.get(URL).content.decode()

    assert titles_in(html) == ["Never reviewed", "Older", "Old review"]


# Due dates, shared questions, filters and export ---------------------------------


def long_date(day):
    return f"{day.day} {day:%B %Y}"


@pytest.fixture
def reviewed(pages, home_page):
    """Two clinicians' reviews and two shared questions beside the pages."""
    from clinic_site.review_due import add_months
    from tests.blog.factories import AuthorFactory

    from .factories import QuestionFactory

    silva = AuthorFactory(name="Dr Ana Silva")
    okafor = AuthorFactory(name="Dr Chidi Okafor")
    for key, author in [("old", silva), ("older", okafor), ("faq", silva)]:
        type(pages[key]).objects.filter(pk=pages[key].pk).update(reviewer=author)
    return {
        "silva": silva,
        "okafor": okafor,
        "add_months": add_months,
        "stale_question": QuestionFactory(
            question="Does it hurt?", last_reviewed=days_ago(500), reviewer=okafor
        ),
        "new_question": QuestionFactory(question="Can I drive home?"),
        "fresh_question": QuestionFactory(
            question="How soon can I exercise?", last_reviewed=days_ago(10), reviewer=silva
        ),
    }


def test_each_item_shows_absolute_dates_and_when_its_review_is_due(admin_client, pages, reviewed):
    html = admin_client.get(URL).content.decode()

    last = pages["old"].last_reviewed
    due = reviewed["add_months"](last, 12)
    assert long_date(last) in html
    assert long_date(due) in html
    assert "Never reviewed" in html
    assert "Overdue" in html
    assert " ago" not in html
    assert "Review interval: 12 months" in html


def test_shared_questions_are_listed_beside_pages_with_a_link_to_edit_them(
    admin_client, pages, reviewed
):
    html = admin_client.get(URL).content.decode()

    for key in ("stale_question", "new_question"):
        question = reviewed[key]
        assert question.question in html
        assert f'href="/admin/snippets/treatments/question/edit/{question.pk}/"' in html
    assert "How soon can I exercise?" not in html
    # Never reviewed first, then the longest overdue: the question reviewed 500 days ago
    # comes before the page reviewed 400 days ago.
    assert html.index("Does it hurt?") < html.index("Old review")
    never = f'href="/admin/pages/{pages["never"].pk}/edit/"'
    # Never-reviewed items come first, by title.
    assert html.index("Can I drive home?") < html.index(never) < html.index("Does it hurt?")


def test_filter_by_type_lists_only_that_type(admin_client, pages, reviewed):
    from django.contrib.contenttypes.models import ContentType

    from treatments.models import Question

    question_type = ContentType.objects.get_for_model(Question).pk
    html = admin_client.get(URL, {"content_type": question_type}).content.decode()

    assert "Does it hurt?" in html and "Can I drive home?" in html
    assert all(f"/admin/pages/{page.pk}/edit/" not in html for page in pages.values())


def test_filter_by_reviewer_lists_only_their_reviews(admin_client, pages, reviewed):
    html = admin_client.get(URL, {"reviewer": reviewed["okafor"].pk}).content.decode()

    assert titles_in(html) == ["Older"]
    assert "Does it hurt?" in html
    assert "Can I drive home?" not in html


def test_looking_ahead_lists_content_not_yet_due_after_the_overdue(
    admin_client, pages, reviewed, clinic_settings
):
    html = admin_client.get(URL, {"window": "all"}).content.decode()

    assert titles_in(html)[-1] == "Fresh"
    assert "Due soon" in html
    assert "How soon can I exercise?" in html


def test_csv_export_holds_every_due_item_with_its_dates(admin_client, pages, reviewed):
    import csv
    import io

    response = admin_client.get(URL, {"export": "csv"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    by_title = {row["Title"]: row for row in rows}
    assert set(by_title) == {
        "Never reviewed",
        "Older",
        "Old review",
        "Questions",
        "Does it hurt?",
        "Can I drive home?",
    }
    old = by_title["Old review"]
    assert old["Last reviewed"] == pages["old"].last_reviewed.isoformat()
    assert old["Review due"] == reviewed["add_months"](pages["old"].last_reviewed, 12).isoformat()
    assert old["Last reviewed by"] == "Dr Ana Silva"
    assert old["Status"] == "Overdue"
    assert by_title["Can I drive home?"]["Status"] == "Never reviewed"
    assert by_title["Can I drive home?"]["Type"] == "Question"


def test_xlsx_export_opens_as_a_spreadsheet_of_the_filtered_list(admin_client, pages, reviewed):
    import io

    from openpyxl import load_workbook

    response = admin_client.get(URL, {"export": "xlsx", "reviewer": reviewed["silva"].pk})

    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("Title", "Type")
    assert sorted(row[0] for row in rows[1:]) == ["Old review", "Questions"]


@pytest.mark.parametrize(
    "query",
    [
        {"content_type": "not-a-number"},
        {"content_type": "999999"},
        {"reviewer": "999999"},
        {"reviewer": "x"},
        {"window": "forever"},
        {"ordering": "password"},
        {"p": "9999"},
        {"export": "pdf"},
    ],
)
def test_bad_filter_values_never_fail(admin_client, pages, query):
    response = admin_client.get(URL, query)

    assert response.status_code == 200


def test_the_report_reads_the_same_number_of_queries_for_any_number_of_items(
    admin_client, pages, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        admin_client.get(URL)
    index = pages["never"].get_parent()
    for n in range(8):
        make_treatment(index, title=f"Extra {n}", slug=f"extra-{n}")

    with django_assert_max_num_queries(len(few.captured_queries)):
        html = admin_client.get(URL).content.decode()
    assert "Extra 7" in html
