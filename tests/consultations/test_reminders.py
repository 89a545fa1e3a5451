"""The morning reminder: one e-mail per person with follow-ups due, naming no patient."""

import datetime
from io import StringIO

from django.core import mail
from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone

from clinic_site import outbox
from clinic_site.models import OutboxMessage
from consultations.reminders import FOLLOW_UP_REMINDER
from tests.consultations.factories import ConsultationRequestFactory, make_user


class ReminderTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        today = timezone.localdate()
        cls.desk = make_user("desk", group="Front desk", email="desk@clinic.example")
        cls.idle = make_user("idle", group="Front desk", email="idle@clinic.example")
        cls.editor = make_user("editor", group="Editors", email="editor@clinic.example")
        factory = ConsultationRequestFactory
        factory(
            name="Jamie Quinlan",
            email="jamie@example.com",
            phone="07700 900123",
            assignee=cls.desk,
            follow_up_on=today,
        )
        factory(name="Ruth Ellison", assignee=cls.desk, follow_up_on=today - datetime.timedelta(1))
        factory(name="Later One", assignee=cls.idle, follow_up_on=today + datetime.timedelta(1))
        factory(name="Closed One", status="closed", assignee=cls.idle, follow_up_on=today)
        # Assigned to someone who may no longer see requests: no e-mail to them.
        factory(name="Not Theirs", assignee=cls.editor, follow_up_on=today)

    def send_all(self):
        with self.captureOnCommitCallbacks(execute=True):
            call_command("send_follow_up_reminders", stdout=StringIO())
        for message in OutboxMessage.objects.filter(kind=FOLLOW_UP_REMINDER):
            outbox.deliver(message.pk)

    def test_each_person_with_follow_ups_due_gets_one_e_mail_without_patient_details(self):
        self.send_all()

        assert [message.to for message in mail.outbox] == [["desk@clinic.example"]]
        message = mail.outbox[0]
        assert message.subject == "2 consultation requests to follow up today"
        assert "1 of them is overdue" in message.body
        assert "/admin/consultationrequest/?assigned=me&follow_up=due" in message.body
        for detail in ("Jamie", "Quinlan", "jamie@example.com", "900123", "Ruth", "#"):
            assert detail not in message.subject + message.body

    def test_running_twice_on_one_day_sends_one_reminder(self):
        self.send_all()
        self.send_all()

        assert len(mail.outbox) == 1
