"""The admin report 'Content due for medical review', with treatment pages."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import override_settings
from django.utils import timezone

import pytest
from wagtail.models import GroupPagePermission

from .factories import make_faq_page, make_index, make_treatment

pytestmark = pytest.mark.django_db

URL = "/admin/reports/medical-review-due/"


def days_ago(days):
    return timezone.localdate() - datetime.timedelta(days=days)


@pytest.fixture
def pages(home_page):
    index = make_index(home_page)
    return {
        "never": make_treatment(index, title="Never reviewed", slug="never"),
        "old": make_treatment(index, title="Old review", slug="old", last_reviewed=days_ago(400)),
        "older": make_treatment(index, title="Older", slug="older", last_reviewed=days_ago(900)),
        "fresh": make_treatment(index, title="Fresh", slug="fresh", last_reviewed=days_ago(30)),
        "faq": make_faq_page(home_page, title="Questions", last_reviewed=days_ago(366)),
    }


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


@override_settings(CLINIC_REVIEW_INTERVAL_DAYS=20)
def test_review_interval_comes_from_settings(admin_client, pages):
    html = admin_client.get(URL).content.decode()

    assert "Fresh" in titles_in(html)


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
