"""
The front desk's day: a request's own page (call and e-mail links, status,
assignee, follow-up, notes that are only ever added), the listing's filters
(spam hidden, mine, due today, overdue) and its bulk actions.
"""

import datetime

from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from wagtail.models import ModelLogEntry

from consultations.models import ConsultationNote, ConsultationRequest
from tests.consultations.factories import ConsultationRequestFactory, make_user

INDEX = reverse("consultationrequest:index")


def page_url(request):
    return reverse("consultationrequest:inspect", args=[request.pk])


def bulk_url(action, *requests):
    ids = "&".join(f"id={request.pk}" for request in requests)
    return (
        reverse("wagtail_bulk_action", args=["consultations", "consultationrequest", action])
        + f"?{ids}&next={INDEX}"
    )


class RequestPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.desk = make_user("desk", group="Front desk", first_name="Dee", last_name="Desk")
        cls.colleague = make_user("colleague", group="Front desk", first_name="Cal")
        cls.viewer = make_user("viewer", permissions=["access_admin", "view_consultationrequest"])
        cls.editor = make_user("editor", group="Editors")
        cls.request = ConsultationRequestFactory(
            name="Jamie Quinlan", email="jamie+botox@example.com", phone="+44 7700 900123"
        )

    def setUp(self):
        self.client.force_login(self.desk)

    def test_the_page_is_titled_by_reference_with_call_and_email_links(self):
        html = self.client.get(page_url(self.request)).content.decode()

        title = html.split("<title>", 1)[1].split("</title>", 1)[0]
        assert f"Request {self.request.reference}" in title
        assert "Inspect" not in title and "Jamie" not in title
        assert 'href="tel:+447700900123"' in html
        assert 'href="mailto:jamie+botox@example.com"' in html
        # Status is changed here, not behind an "Edit" item of the actions menu.
        assert 'name="status"' in html and 'name="note"' in html
        assert reverse("consultationrequest:edit", args=[self.request.pk]) not in html

    def test_the_old_edit_address_leads_to_the_request_page(self):
        response = self.client.get(reverse("consultationrequest:edit", args=[self.request.pk]))

        assert response.status_code == 302
        assert response["Location"] == page_url(self.request)

    def test_assign_follow_up_and_two_notes_are_kept_with_author_and_time(self):
        url = page_url(self.request)
        follow_up = timezone.localdate() + datetime.timedelta(days=2)

        self.client.post(
            url,
            {
                "status": "contacted",
                "assignee": self.colleague.pk,
                "follow_up_on": follow_up.isoformat(),
                "note": "Left a voicemail.",
            },
        )
        self.client.force_login(self.colleague)
        self.client.post(
            url,
            {
                "status": "contacted",
                "assignee": self.colleague.pk,
                "follow_up_on": follow_up.isoformat(),
                "note": "Called back, booking Tuesday.",
            },
        )

        self.request.refresh_from_db()
        assert (self.request.assignee, self.request.follow_up_on) == (self.colleague, follow_up)
        notes = list(self.request.notes.all())
        assert [(note.text, note.author) for note in notes] == [
            ("Left a voicemail.", self.desk),
            ("Called back, booking Tuesday.", self.colleague),
        ]
        html = self.client.get(url).content.decode()
        assert html.index("Left a voicemail.") < html.index("Called back, booking Tuesday.")
        assert "Dee Desk" in html and "Assigned to Cal" in html
        actions = set(
            ModelLogEntry.objects.for_instance(self.request).values_list("action", flat=True)
        )
        assert {
            "consultations.assigned",
            "consultations.follow_up",
            "consultations.note_added",
        } <= actions

    def test_a_note_cannot_be_changed_once_added(self):
        note = ConsultationNote.objects.create(request=self.request, text="First call.")

        note.text = "Rewritten"
        with self.assertRaises(ValueError):
            note.save()
        note.refresh_from_db()
        assert note.text == "First call."

    def test_a_bad_date_is_a_clear_error_and_nothing_changes(self):
        response = self.client.post(
            page_url(self.request),
            {"status": "booked", "follow_up_on": "31/02/2026", "note": "Kept?"},
        )

        assert response.status_code == 200
        assert "Enter a valid date." in response.content.decode()
        self.request.refresh_from_db()
        assert self.request.status == "new" and not self.request.notes.exists()

    def test_only_staff_who_can_see_requests_can_be_assigned(self):
        response = self.client.post(
            page_url(self.request), {"status": "new", "assignee": self.editor.pk}
        )

        assert response.status_code == 200
        self.request.refresh_from_db()
        assert self.request.assignee is None

    def test_staff_who_may_only_view_see_no_form_and_cannot_post(self):
        self.client.force_login(self.viewer)

        html = self.client.get(page_url(self.request)).content.decode()
        post = self.client.post(page_url(self.request), {"status": "closed", "note": "x"})

        assert "Jamie Quinlan" in html and 'name="note"' not in html
        assert post.status_code == 403
        self.request.refresh_from_db()
        assert self.request.status == "new"


class ListingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.desk = make_user("desk", group="Front desk")
        cls.other = make_user("other", group="Front desk")
        today = timezone.localdate()
        factory = ConsultationRequestFactory
        cls.mine_today = factory(name="Mine Today", assignee=cls.desk, follow_up_on=today)
        cls.mine_late = factory(
            name="Mine Late", assignee=cls.desk, follow_up_on=today - datetime.timedelta(days=3)
        )
        cls.mine_later = factory(
            name="Mine Later", assignee=cls.desk, follow_up_on=today + datetime.timedelta(days=3)
        )
        cls.theirs = factory(name="Theirs Today", assignee=cls.other, follow_up_on=today)
        cls.closed_late = factory(
            name="Closed Late",
            status="closed",
            assignee=cls.desk,
            follow_up_on=today - datetime.timedelta(days=1),
        )
        cls.spam = factory(name="Spammy Bot", status="spam", phone="07700 900555")

    def setUp(self):
        self.client.force_login(self.desk)

    def listed(self, **params):
        html = self.client.get(INDEX, params).content.decode()
        names = ("Mine Today", "Mine Late", "Mine Later", "Theirs Today", "Closed Late")
        return {name for name in (*names, "Spammy Bot") if name in html}

    def test_spam_is_hidden_unless_asked_for_or_searched(self):
        assert "Spammy Bot" not in self.listed()
        assert self.listed(status="spam") == {"Spammy Bot"}
        assert self.listed(q="07700 900555") == {"Spammy Bot"}

    def test_mine_due_today_and_overdue(self):
        assert self.listed(assigned="me") == {
            "Mine Today",
            "Mine Late",
            "Mine Later",
            "Closed Late",
        }
        assert self.listed(assigned="me", follow_up="today") == {"Mine Today"}
        assert self.listed(assigned="me", follow_up="overdue") == {"Mine Late"}
        assert self.listed(follow_up="due") == {"Mine Today", "Mine Late", "Theirs Today"}

    def test_an_overdue_follow_up_says_so_in_words(self):
        html = self.client.get(INDEX, {"follow_up": "overdue"}).content.decode()

        assert "overdue</strong>" in html

    def test_bulk_status_change_asks_then_changes_each_and_logs_each(self):
        chosen = [self.mine_today, self.mine_late, self.theirs]
        url = bulk_url("set_status", *chosen)

        confirm = self.client.get(url)
        done = self.client.post(url, {"status": "contacted"})

        assert confirm.status_code == 200 and "This changes 3 requests" in confirm.content.decode()
        assert done.status_code == 302
        statuses = ConsultationRequest.objects.filter(pk__in=[r.pk for r in chosen])
        assert set(statuses.values_list("status", flat=True)) == {"contacted"}
        entries = ModelLogEntry.objects.filter(action="consultations.status_change")
        assert sorted(int(entry.object_id) for entry in entries) == sorted(r.pk for r in chosen)
        assert {entry.user for entry in entries} == {self.desk}
        assert self.mine_later.__class__.objects.get(pk=self.mine_later.pk).status == "new"

    def test_bulk_assign_and_unassign(self):
        url = bulk_url("assign", self.theirs, self.spam)

        self.client.post(url, {"assignee": self.desk.pk})
        assigned = set(
            ConsultationRequest.objects.filter(assignee=self.desk).values_list("name", flat=True)
        )
        self.client.post(url, {"assignee": ""})

        assert {"Theirs Today", "Spammy Bot"} <= assigned
        unassigned = ConsultationRequest.objects.filter(pk__in=[self.theirs.pk, self.spam.pk])
        assert set(unassigned.values_list("assignee", flat=True)) == {None}

    def test_bulk_actions_are_forbidden_without_the_change_permission(self):
        self.client.force_login(make_user("editor", group="Editors"))

        response = self.client.post(bulk_url("set_status", self.mine_today), {"status": "closed"})

        assert response.status_code == 403
        self.mine_today.refresh_from_db()
        assert self.mine_today.status == "new"
