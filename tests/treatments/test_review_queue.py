"""A clinical reviewer's dashboard: their own review queue, and the way to the full report."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from tests.blog.factories import AuthorFactory

from .factories import QuestionFactory, make_index, make_treatment

pytestmark = pytest.mark.django_db


def days_ago(days):
    return timezone.localdate() - datetime.timedelta(days=days)


def member_of(group, username):
    user = get_user_model().objects.create_user(username)
    user.groups.add(Group.objects.get(name=group))
    client = Client()
    client.force_login(user)
    return user, client


@pytest.fixture
def queue(home_page):
    user, client = member_of("Clinical reviewer", "ana")
    ana = AuthorFactory(name="Dr Ana Silva", user=user)
    other = AuthorFactory(name="Dr Chidi Okafor")
    index = make_index(home_page)

    def treatment(title, **fields):
        page = make_treatment(index, title=title, slug=title.lower().replace(" ", "-"))
        type(page).objects.filter(pk=page.pk).update(**fields)
        return page

    treatment("Hers overdue", reviewer=ana, last_reviewed=days_ago(400))
    treatment("Never looked at")
    treatment("Someone elses", reviewer=other, last_reviewed=days_ago(400))
    treatment("Hers recent", reviewer=ana, last_reviewed=days_ago(20))
    QuestionFactory(question="Does it sting?", reviewer=ana, last_reviewed=days_ago(800))
    return {"client": client, "index": index, "treatment": treatment}


def panel_of(html):
    start = html.index('id="medical-review-queue-section"')
    return html[start : html.index("Open the report", start)]


def test_the_reviewer_sees_what_they_approved_that_is_due_and_what_nobody_reviewed(queue):
    html = queue["client"].get("/admin/").content.decode()

    panel = panel_of(html)
    assert "Your medical review queue" in html
    assert "Hers overdue" in panel
    assert "Never looked at" in panel
    assert "Does it sting?" in panel
    assert "Someone elses" not in panel
    assert "Hers recent" not in panel
    assert "Never reviewed" in panel
    last = days_ago(400)
    assert f"{last.day} {last:%B %Y}" in panel
    assert "3 items you reviewed" in panel
    # Most urgent first: never reviewed, then the oldest review.
    assert panel.index("Never looked at") < panel.index("Does it sting?")
    assert panel.index("Does it sting?") < panel.index("Hers overdue")
    assert 'href="/admin/reports/medical-review-due/"' in html


def test_editors_and_front_desk_see_no_review_queue(queue):
    for group, name in [("Marketing editor", "mia"), ("Front desk", "fred")]:
        _user, client = member_of(group, name)
        assert "medical-review-queue" not in client.get("/admin/").content.decode()


def test_a_reviewer_not_linked_to_an_author_is_told_why_nothing_can_be_approved(queue):
    _user, client = member_of("Clinical reviewer", "unlinked")

    html = client.get("/admin/").content.decode()

    assert "not linked to an author record" in html


def test_the_queue_costs_the_same_queries_however_long_it_is(queue):
    client = queue["client"]
    for n in range(10):
        queue["treatment"](f"Unreviewed {n}")
    client.get("/admin/")  # content types and permissions cached, as on any later visit
    with CaptureQueriesContext(connection) as shorter:
        client.get("/admin/")
    for n in range(10, 30):
        queue["treatment"](f"Unreviewed {n}")

    with CaptureQueriesContext(connection) as longer:
        html = client.get("/admin/").content.decode()

    assert "33 items you reviewed" in html
    # Ten rows, never-reviewed first by title: "Never looked at", then nine of these.
    assert html.count("Unreviewed ") == 9
    assert len(longer.captured_queries) == len(shorter.captured_queries)
