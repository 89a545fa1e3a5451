"""The listing's exports read as a person would: labels, Yes/No, local times, extra answers."""

import csv
import datetime
import io
import zoneinfo

from django.test import TestCase
from django.urls import reverse

import openpyxl

from tests.consultations.factories import ConsultationRequestFactory, make_user

# 14:05:09.123456 UTC in July is 15:05 in London (BST).
RECEIVED = datetime.datetime(2026, 7, 1, 14, 5, 9, 123456, tzinfo=datetime.UTC)
LOCAL = datetime.datetime(2026, 7, 1, 15, 5)


class ExportTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.desk = make_user("desk", group="Front desk", first_name="Dee", last_name="Desk")
        cls.first = ConsultationRequestFactory(
            name="Jamie Quinlan",
            consultation_type="in_person",
            preferred_contact="phone",
            heard_about="friend",
            marketing_opt_in=False,
            created_at=RECEIVED,
            assignee=cls.desk,
            follow_up_on=datetime.date(2026, 7, 3),
            extra_answers={"area": {"label": "Which area?", "value": "Forehead"}},
        )
        cls.second = ConsultationRequestFactory(
            name="Ruth Ellison",
            marketing_opt_in=True,
            confirmed_minimum_age=18,
            extra_answers={"pregnant": {"label": "Are you pregnant?", "value": False}},
        )

    def setUp(self):
        self.client.force_login(self.desk)

    def export(self, export_format):
        response = self.client.get(reverse("consultationrequest:index"), {"export": export_format})
        return b"".join(response.streaming_content) if response.streaming else response.content

    def test_csv_has_labels_yes_no_local_minutes_and_a_column_per_question(self):
        rows = list(csv.DictReader(io.StringIO(self.export("csv").decode())))
        by_name = {row["Name"]: row for row in rows}
        jamie, ruth = by_name["Jamie Quinlan"], by_name["Ruth Ellison"]

        assert jamie["Consultation type"] == "In person at the clinic"
        assert jamie["Preferred contact method"] == "Phone call"
        assert jamie["Heard about us through"] == "Friend or family"
        assert jamie["Status"] == "New"
        assert (jamie["Agreed to marketing"], ruth["Agreed to marketing"]) == ("No", "Yes")
        assert jamie["Received"] == "2026-07-01 15:05"
        assert jamie["Assigned to"] == "Dee Desk" and jamie["Follow up on"] == "2026-07-03"
        assert (jamie["Which area?"], ruth["Which area?"]) == ("Forehead", "")
        assert (jamie["Are you pregnant?"], ruth["Are you pregnant?"]) == ("", "No")
        assert ruth["Confirmed age"] == "18 or older"
        assert "Message" not in rows[0]

    def test_xlsx_has_the_same_cells_as_dates_and_fitting_widths(self):
        sheet = openpyxl.load_workbook(io.BytesIO(self.export("xlsx"))).active
        rows = list(sheet.values)
        headings = list(rows[0])
        row = next(row for row in rows if "Jamie Quinlan" in row)
        jamie = dict(zip(headings, row, strict=True))

        assert jamie["Received"] == LOCAL
        assert jamie["Follow up on"] == datetime.date(2026, 7, 3)
        assert jamie["Consultation type"] == "In person at the clinic"
        assert jamie["Agreed to marketing"] == "No"
        assert jamie["Which area?"] == "Forehead"
        received = sheet.cell(row=2, column=headings.index("Received") + 1)
        assert received.number_format == "yyyy-mm-dd hh:mm"
        widths = {
            heading: sheet.column_dimensions[openpyxl.utils.get_column_letter(i + 1)].width
            for i, heading in enumerate(headings)
        }
        assert widths["Consultation type"] >= len("In person at the clinic")
        assert widths["Name"] >= len("Jamie Quinlan")
        assert sheet.freeze_panes == "A2"

    def test_local_time_follows_the_site_time_zone(self):
        with self.settings(TIME_ZONE="America/New_York"):
            rows = list(csv.DictReader(io.StringIO(self.export("csv").decode())))

        jamie = next(row for row in rows if row["Name"] == "Jamie Quinlan")
        expected = RECEIVED.astimezone(zoneinfo.ZoneInfo("America/New_York"))
        assert jamie["Received"] == expected.strftime("%Y-%m-%d %H:%M")
