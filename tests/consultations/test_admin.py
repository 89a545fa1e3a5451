"""The staff side: who may see requests, what they see, status changes, export, dashboard."""

import csv
import io

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

import openpyxl
import pytest
from wagtail.models import ModelLogEntry

from consultations.models import ConsultationRequest
from tests.consultations.factories import ConsultationRequestFactory

pytestmark = pytest.mark.django_db

# Queries for one listing page (session, user, permissions, filters, count, rows, their e-mails),
# the same for 5 requests as for 25.
LISTING_QUERIES = 13


def make_user(username, group=None, permissions=()):
    user = get_user_model().objects.create_user(username, password="pw")
    if group:
        user.groups.add(Group.objects.get(name=group))
    for codename in permissions:
        user.user_permissions.add(Permission.objects.get(codename=codename))
    return user


@pytest.fixture
def front_desk_client(client):
    client.force_login(make_user("desk", group="Front desk"))
    return client


@pytest.fixture
def editor_client(client):
    editor = make_user("editor", group="Editors")
    moderator = make_user("moderator", group="Moderators")
    assert moderator.groups.exists()
    client.force_login(editor)
    return client


def staff_urls(request):
    return [
        reverse("consultationrequest:index"),
        reverse("consultationrequest:index_results"),
        reverse("consultationrequest:index") + "?export=csv",
        reverse("consultationrequest:index") + "?export=xlsx",
        reverse("consultationrequest:inspect", args=[request.pk]),
        reverse("consultationrequest:edit", args=[request.pk]),
        reverse("consultationrequest:history", args=[request.pk]),
        reverse("consultationrequest:delete", args=[request.pk]),
        reverse("consultationrequest:usage", args=[request.pk]),
    ]


def test_front_desk_group_has_exactly_the_permissions_needed():
    group = Group.objects.get(name="Front desk")

    assert sorted(group.permissions.values_list("content_type__app_label", "codename")) == [
        # Patients' authorizations for photos and reviews are recorded at the desk (never deleted).
        ("clinic_site", "add_patientauthorization"),
        ("clinic_site", "change_patientauthorization"),
        ("clinic_site", "view_patientauthorization"),
        ("consultations", "change_consultationrequest"),
        ("consultations", "view_consultationrequest"),
        ("wagtailadmin", "access_admin"),
    ]


@pytest.mark.parametrize("group", ["Editors", "Moderators"])
def test_editors_and_moderators_see_no_menu_and_get_403_everywhere(client, group):
    request = ConsultationRequestFactory()
    client.force_login(make_user("someone", group=group))

    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()

    assert "Consultation requests" not in dashboard
    for url in [*staff_urls(request), reverse("consultationrequest:inspect", args=[999])]:
        response = client.get(url)
        assert response.status_code == 403, url
        assert request.name.encode() not in response.content
    post = client.post(reverse("consultationrequest:edit", args=[request.pk]), {"status": "closed"})
    assert post.status_code == 403
    request.refresh_from_db()
    assert request.status == "new"


def test_front_desk_sees_the_menu_listing_and_details(front_desk_client):
    request = ConsultationRequestFactory(name="Ruth Ellison", message="Curious about peels")

    dashboard = front_desk_client.get(reverse("wagtailadmin_home")).content.decode()
    listing = front_desk_client.get(reverse("consultationrequest:index"))
    detail = front_desk_client.get(reverse("consultationrequest:inspect", args=[request.pk]))

    assert "Consultation requests" in dashboard
    assert listing.status_code == 200 and "Ruth Ellison" in listing.content.decode()
    assert detail.status_code == 200
    assert "Curious about peels" in detail.content.decode()
    # Deleting is left to administrators.
    delete = front_desk_client.get(reverse("consultationrequest:delete", args=[request.pk]))
    assert delete.status_code == 302
    assert ConsultationRequest.objects.filter(pk=request.pk).exists()


def test_details_show_ticks_as_yes_or_no_and_empty_values_as_a_dash(front_desk_client):
    request = ConsultationRequestFactory(marketing_opt_in=False)

    html = front_desk_client.get(
        reverse("consultationrequest:inspect", args=[request.pk])
    ).content.decode()

    values = [line.strip() for line in html.splitlines()]
    assert "False" not in values and "None" not in values
    marketing = html.split("Agreed to marketing", 1)[1].split("</dd>", 1)[0]
    assert marketing.split()[-1] == "No"
    assert "—" in values


def test_there_is_no_add_view_even_for_superusers(admin_client):
    listing = admin_client.get(reverse("consultationrequest:index")).content.decode()

    assert "/admin/consultationrequest/new/" not in listing
    assert admin_client.get("/admin/consultationrequest/new/").status_code == 404


def test_listing_is_newest_first_filtered_and_searched(front_desk_client):
    import datetime

    from django.utils import timezone

    old = ConsultationRequestFactory(
        name="Old Request", created_at=timezone.now() - datetime.timedelta(days=40)
    )
    ConsultationRequestFactory(name="Booked Patient", status="booked")
    ConsultationRequestFactory(name="Newest Patient", email="newest@example.com")
    url = reverse("consultationrequest:index")

    html = front_desk_client.get(url).content.decode()
    booked = front_desk_client.get(url, {"status": "booked"}).content.decode()
    searched = front_desk_client.get(url, {"q": "newest@"}).content.decode()
    since = (timezone.localdate() - datetime.timedelta(days=7)).isoformat()
    recent = front_desk_client.get(url, {"created_at_from": since}).content.decode()

    assert html.index("Newest Patient") < html.index("Booked Patient") < html.index(old.name)
    assert "Booked Patient" in booked and "Newest Patient" not in booked
    assert "Newest Patient" in searched and "Booked Patient" not in searched
    assert "Old Request" not in recent and "Newest Patient" in recent


def test_requests_are_never_in_the_search_index():
    from wagtail.search.index import class_is_indexed

    assert not class_is_indexed(ConsultationRequest)


def test_status_change_with_a_note_is_saved_and_written_to_the_audit_log(front_desk_client):
    request = ConsultationRequestFactory()
    url = reverse("consultationrequest:inspect", args=[request.pk])

    response = front_desk_client.post(url, {"status": "contacted", "note": "Left a voicemail."})

    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == "contacted"
    assert [(note.text, note.author.username) for note in request.notes.all()] == [
        ("Left a voicemail.", "desk")
    ]
    entries = ModelLogEntry.objects.for_instance(request)
    actions = {entry.action: entry for entry in entries}
    assert set(actions) == {"consultations.status_change", "consultations.note_added"}
    assert actions["consultations.status_change"].user.username == "desk"
    assert actions["consultations.status_change"].data == {"from": "new", "to": "contacted"}
    assert "Left a voicemail" not in str(actions["consultations.note_added"].data)

    detail = front_desk_client.get(url)
    html = detail.content.decode()
    assert "Status changed from New to Contacted" in html
    assert "Note added" in html
    assert "Left a voicemail." in html
    assert "desk" in html


def test_staff_cannot_edit_what_the_patient_wrote(front_desk_client):
    request = ConsultationRequestFactory(name="Original Name")

    front_desk_client.post(
        reverse("consultationrequest:inspect", args=[request.pk]),
        {"status": "booked", "note": "", "name": "Changed"},
    )

    request.refresh_from_db()
    assert request.name == "Original Name"


def test_csv_export_contains_exactly_the_filtered_rows(front_desk_client):
    ConsultationRequestFactory(name="Wanted One", status="booked", phone="+44 7700 900111")
    ConsultationRequestFactory(name="=HYPERLINK(1)", status="booked")
    ConsultationRequestFactory(name="Unwanted", status="new", message="private detail")

    response = front_desk_client.get(
        reverse("consultationrequest:index"), {"status": "booked", "export": "csv"}
    )

    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert response.status_code == 200
    assert sorted(row["Name"] for row in rows) == ["'=HYPERLINK(1)", "Wanted One"]
    assert "Message" not in rows[0]


def test_excel_export_contains_exactly_the_filtered_rows(front_desk_client):
    ConsultationRequestFactory(name="Virtual One", consultation_type="virtual")
    ConsultationRequestFactory(name="In Person", consultation_type="in_person")

    response = front_desk_client.get(
        reverse("consultationrequest:index"), {"consultation_type": "virtual", "export": "xlsx"}
    )

    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.values)
    names = [row[rows[0].index("Name")] for row in rows[1:]]
    assert names == ["Virtual One"]


@pytest.mark.parametrize("count", [5, 25])
def test_listing_query_count_does_not_grow_with_requests(
    front_desk_client, django_assert_num_queries, count
):
    ConsultationRequestFactory.create_batch(count, treatment_title="Chemical peel")
    url = reverse("consultationrequest:index")
    front_desk_client.get(url)  # warm caches (permissions, site)

    with django_assert_num_queries(LISTING_QUERIES):
        response = front_desk_client.get(url)

    assert response.status_code == 200


def test_dashboard_panel_shows_waiting_requests_and_weekly_chart(front_desk_client):
    ConsultationRequestFactory.create_batch(2, treatment_title="Chemical peel")
    ConsultationRequestFactory(treatment_title="", status="contacted")
    ConsultationRequestFactory(treatment_title="Spam Treatment", status="spam")

    html = front_desk_client.get(reverse("wagtailadmin_home")).content.decode()

    assert "2 new requests waiting" in html
    assert "<svg" in html and 'role="img"' in html
    assert "Chemical peel" in html and "Not sure yet" in html
    assert "Spam Treatment" not in html
    assert "<table" in html and "Week starting" in html
    assert "cdn" not in html.lower() or "cdn" not in html.split("consultation-requests")[1]


def test_dashboard_panel_is_hidden_from_editors(editor_client):
    ConsultationRequestFactory()

    html = editor_client.get(reverse("wagtailadmin_home")).content.decode()

    assert "new request" not in html
