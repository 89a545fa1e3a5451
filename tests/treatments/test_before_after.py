"""
Before-and-after photos on treatment pages: shown in an accessible gallery only
while the patient's authorization covers the website, and taken down everywhere
(page, both APIs, search, renditions and files) in one step when it is withdrawn.
"""

import datetime
from unittest import mock

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone

import pytest
from wagtail.images.models import Rendition
from wagtail.models import ModelLogEntry

from clinic_site.models import PatientAuthorization
from clinic_site.withdrawal import WITHDRAW_ACTION, withdraw
from tests.clinic_site.factories import ImageFactory
from treatments.models import TreatmentBeforeAfter

from .factories import make_index, make_treatment
from .helpers import main_of
from .test_queries import TREATMENT_PAGE_QUERIES

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()


def authorization(**fields):
    fields.setdefault("given_on", TODAY - datetime.timedelta(days=30))
    return PatientAuthorization.objects.create(**fields)


def add_pair(page, auth, caption="Frown lines, woman in her forties", **fields):
    values = {
        "before_image": ImageFactory(),
        "before_alt": f"{caption}: before",
        "after_image": ImageFactory(),
        "after_alt": f"{caption}: after",
        "sessions": 1,
        "weeks_between": 2,
        "sort_order": TreatmentBeforeAfter.objects.filter(page=page).count(),
        **fields,
    }
    return TreatmentBeforeAfter.objects.create(
        page=page, authorization=auth, caption=caption, **values
    )


@pytest.fixture
def treatment(clinic_settings):
    return make_treatment(make_index(clinic_settings.site.root_page), title="Wrinkle relaxers")


def test_the_gallery_shows_each_pair_as_a_captioned_figure_with_described_photos(client, treatment):
    add_pair(treatment, authorization(), caption="Frown lines")
    add_pair(treatment, authorization(), caption="Crow's feet", sessions=2, weeks_between=6)

    main = main_of(client.get(treatment.url).content.decode())

    assert '<h2 id="treatment-before-after">Before and after</h2>' in main
    assert main.count('<figure class="before-after__pair">') == 2
    assert 'alt="Frown lines: before"' in main and 'alt="Frown lines: after"' in main
    assert main.count(">Before</figcaption>") == 2 and main.count(">After</figcaption>") == 2
    assert "Crow&#x27;s feet. " in main
    assert "2 sessions, photos 6 weeks apart." in main
    assert "1 session, photos 2 weeks apart." in main
    assert "<script" not in main  # a gallery without a script: the CSP stays strict


@pytest.mark.parametrize(
    ("fields", "why"),
    [
        ({"covers_website": False, "covers_social": True}, "social media only"),
        ({"expires_on": TODAY - datetime.timedelta(days=1)}, "expired yesterday"),
        ({"given_on": TODAY + datetime.timedelta(days=3)}, "not yet given"),
        ({"withdrawn_at": timezone.now()}, "withdrawn"),
    ],
)
def test_a_pair_without_a_valid_website_authorization_is_never_shown(
    client, treatment, fields, why
):
    add_pair(treatment, authorization(**fields), caption="Hidden pair")
    add_pair(treatment, authorization(), caption="Shown pair")

    main = main_of(client.get(treatment.url).content.decode())
    v2 = client.get(f"/api/v2/pages/{treatment.pk}/").json()
    v3 = client.get(f"/api/v3/pages/{treatment.pk}/").json()

    assert "Shown pair" in main
    assert "Hidden pair" not in main, why
    assert [pair["caption"] for pair in v2["before_after"]] == ["Shown pair"], why
    assert [pair["caption"] for pair in v3["before_after"]] == ["Shown pair"], why


def test_an_authorization_that_expires_today_still_shows_and_is_gone_tomorrow(client, treatment):
    add_pair(treatment, authorization(expires_on=TODAY), caption="Last day")
    assert "Last day" in client.get(treatment.url).content.decode()

    # No save in between: the cached candidates are checked against the date on each view.
    tomorrow = TODAY + datetime.timedelta(days=1)
    with mock.patch("django.utils.timezone.localdate", return_value=tomorrow):
        assert "Last day" not in client.get(treatment.url).content.decode()


def test_the_api_gives_typed_pairs_without_the_authorization(client, treatment):
    add_pair(treatment, authorization(patient_record="RX-1234"), caption="Frown lines")

    for version in ("v2", "v3"):
        data = client.get(f"/api/{version}/pages/{treatment.pk}/").json()
        (pair,) = data["before_after"]
        assert pair["caption"] == "Frown lines"
        assert pair["details"] == "1 session, photos 2 weeks apart"
        assert (pair["sessions"], pair["weeks_between"]) == (1, 2)
        assert pair["before"]["alt"] == "Frown lines: before"
        assert pair["after"]["renditions"]["card"]["url"].endswith(".webp")
        text = str(data)
        assert "RX-1234" not in text and "PA-" not in text, version


def test_the_openapi_document_types_the_gallery(client):
    schema = client.get("/api/v3/openapi.json").json()

    pair = schema["components"]["schemas"]["BeforeAfterDict"]
    assert set(pair["properties"]) == {
        "before",
        "after",
        "caption",
        "details",
        "sessions",
        "weeks_between",
    }


def test_withdrawing_takes_the_pair_off_the_page_apis_search_and_deletes_its_photos(
    client, treatment, admin_user, django_capture_on_commit_callbacks
):
    consent = authorization()
    kept = add_pair(treatment, authorization(), caption="Forehead zebrawood")
    pair = add_pair(treatment, consent, caption="Forehead quillwort")
    treatment.save_revision().publish()  # indexes the captions
    for _ in range(2):
        client.get(treatment.url)  # renditions made and cached
        client.get(f"/api/v2/pages/{treatment.pk}/")
    photos = [pair.before_image, pair.after_image]
    files = [rendition.file.name for photo in photos for rendition in photo.renditions.all()]
    files += [photo.file.name for photo in photos]
    assert Rendition.objects.filter(image__in=photos).count() >= 4
    assert all(default_storage.exists(name) for name in files)
    assert "quillwort" in client.get("/search/", {"q": "quillwort"}).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        withdraw(consent, admin_user, reason="Patient asked by phone")

    main = main_of(client.get(treatment.url).content.decode())
    assert "quillwort" not in main
    assert "zebrawood" in main
    for version in ("v2", "v3"):
        data = client.get(f"/api/{version}/pages/{treatment.pk}/").json()
        assert [item["caption"] for item in data["before_after"]] == ["Forehead zebrawood"]
    results = client.get("/search/", {"q": "quillwort"}).content.decode()
    assert treatment.title not in main_of(results)
    assert not Rendition.objects.filter(image_id__in=[photo.pk for photo in photos]).exists()
    assert [name for name in files if default_storage.exists(name)] == []
    assert kept.before_image.renditions.exists()  # the other patient's photos stay
    entry = ModelLogEntry.objects.get(action=WITHDRAW_ACTION)
    assert entry.user == admin_user
    assert entry.data["images_deleted"] == sorted(photo.pk for photo in photos)
    assert entry.data["reason"] == "Patient asked by phone"


def test_the_daily_command_withdraws_expired_authorizations_and_their_photos(
    client, treatment, django_capture_on_commit_callbacks
):
    old = authorization(expires_on=TODAY - datetime.timedelta(days=1))
    current = authorization(expires_on=TODAY + datetime.timedelta(days=30))
    expired_pair = add_pair(treatment, old)
    add_pair(treatment, current)

    with django_capture_on_commit_callbacks(execute=True):
        call_command("withdraw_expired_authorizations", stdout=open("/dev/null", "w"))  # noqa: SIM115

    old.refresh_from_db()
    current.refresh_from_db()
    expired_pair.refresh_from_db()
    assert old.withdrawn_at is not None and old.withdrawn_by is None
    assert current.withdrawn_at is None
    assert expired_pair.before_image is None and expired_pair.after_image is None
    log = ModelLogEntry.objects.get(action=WITHDRAW_ACTION)
    assert log.data["reason"] == "expired"


@pytest.fixture
def page_form():
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    def build(pairs):
        return nested_form_data(
            {
                "title": "Skin boosters",
                "slug": "skin-boosters",
                "price_currency": "GBP",
                "body": streamfield([]),
                "common_side_effects": streamfield([]),
                "rare_side_effects": streamfield([]),
                "contraindications": streamfield([]),
                "faqs": inline_formset([]),
                "before_after_pairs": inline_formset(pairs),
                "action-publish": "publish",
            }
        )

    return build


def pair_form(auth_reference, **fields):
    return {
        "before_image": ImageFactory().pk,
        "before_alt": "Cheek before",
        "after_image": ImageFactory().pk,
        "after_alt": "Cheek after",
        "caption": "Fine lines on the cheek",
        "sessions": "2",
        "weeks_between": "8",
        "authorization": auth_reference,
        **fields,
    }


@pytest.mark.parametrize(
    ("reference", "message"),
    [
        ("", "Enter the reference of the patient&#x27;s signed authorization"),
        ("PA-NOSUCH", "There is no authorization with this reference"),
        ("withdrawn", "was withdrawn"),
        ("social", "does not cover the website"),
    ],
)
def test_a_pair_without_a_valid_authorization_cannot_be_published(
    admin_client, clinic_settings, page_form, reference, message
):
    index = make_index(clinic_settings.site.root_page)
    if reference == "withdrawn":
        reference = authorization(withdrawn_at=timezone.now()).reference
    elif reference == "social":
        reference = authorization(covers_website=False, covers_social=True).reference

    response = admin_client.post(
        f"/admin/pages/add/treatments/treatmentpage/{index.pk}/",
        page_form([pair_form(reference)]),
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not TreatmentBeforeAfter.objects.exists()


def test_a_pair_with_a_valid_authorization_is_published(
    admin_client, client, clinic_settings, page_form
):
    index = make_index(clinic_settings.site.root_page)
    consent = authorization()

    response = admin_client.post(
        f"/admin/pages/add/treatments/treatmentpage/{index.pk}/",
        page_form([pair_form(consent.reference)]),
    )

    assert response.status_code == 302
    pair = TreatmentBeforeAfter.objects.get()
    assert pair.authorization == consent and pair.page.live
    assert "Fine lines on the cheek" in client.get(pair.page.url).content.decode()


def test_editors_type_the_reference_and_never_see_authorizations(client, clinic_settings):
    editor = get_user_model().objects.create_user("editor")
    editor.groups.add(Group.objects.get(name="Marketing editor"))
    client.force_login(editor)
    page = make_treatment(make_index(clinic_settings.site.root_page))
    add_pair(page, authorization(patient_record="RX-5555", notes="Signed form in cabinet 3"))

    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()

    assert 'name="before_after_pairs-0-authorization"' in html
    assert 'type="text"' in html.split('name="before_after_pairs-0-authorization"')[0][-200:]
    assert "RX-5555" not in html and "cabinet 3" not in html
    assert client.get("/admin/patient_authorizations/").status_code in (302, 403)


def test_the_editor_marks_a_withdrawn_pair_and_still_lets_the_page_be_published(
    admin_client, client, treatment, page_form
):
    kept = add_pair(treatment, authorization(), caption="Still authorized")
    gone = add_pair(treatment, authorization(), caption="Taken down")
    withdraw(gone.authorization, reason="Patient asked by phone")
    edit_url = f"/admin/pages/{treatment.pk}/edit/"

    html = admin_client.get(edit_url).content.decode()

    assert html.count('data-authorization-status="withdrawn"') == 1
    row = html.split('data-authorization-status="withdrawn"', 1)[1][:1500]
    assert "Withdrawn: not shown on the website" in row
    assert f"Authorization {gone.authorization_id} was withdrawn" in row
    assert "Patient asked by phone" not in html  # the authorization's history stays with staff

    pairs = [
        {**pair_form(kept.authorization_id), "id": kept.pk, "caption": "Still authorized"},
        {
            "id": gone.pk,
            "before_image": "",
            "before_alt": gone.before_alt,
            "after_image": "",
            "after_alt": gone.after_alt,
            "caption": "Taken down",
            "sessions": "1",
            "weeks_between": "2",
            "authorization": gone.authorization_id,
        },
    ]
    data = page_form(pairs)
    data.update(
        title=treatment.title, slug=treatment.slug, **{"before_after_pairs-INITIAL_FORMS": "2"}
    )
    response = admin_client.post(edit_url, data)

    assert response.status_code == 302, response.content.decode()[:2000]
    html = client.get(treatment.url).content.decode()
    assert "Still authorized" in html and "Taken down" not in html

    # Photos chosen again for the withdrawn pair: the authorization still refuses it.
    pairs[1].update(before_image=ImageFactory().pk, after_image=ImageFactory().pk)
    data = page_form(pairs)
    data.update(
        title=treatment.title, slug=treatment.slug, **{"before_after_pairs-INITIAL_FORMS": "2"}
    )
    response = admin_client.post(edit_url, data)

    assert response.status_code == 200
    assert "was withdrawn" in response.content.decode()


@pytest.mark.parametrize("size", [1, 6])
def test_treatment_page_query_count_does_not_grow_with_pairs_and_reviews(
    client, treatment, django_assert_num_queries, size
):
    from clinic_site.models import Testimonial

    for n in range(size):
        add_pair(treatment, authorization(), caption=f"Pair {n}")
        Testimonial.objects.create(
            quote=f"Review {n}.",
            shown_name="Jo",
            treatment=treatment,
            authorization=authorization(),
        )
    client.get(treatment.url)  # renditions made, content cached

    with django_assert_num_queries(TREATMENT_WITH_GALLERY_QUERIES):
        response = client.get(treatment.url)

    html = response.content.decode()
    assert html.count('<figure class="before-after__pair">') == size
    assert html.count('class="testimonial"') == size


# None: the site, the pages on the address, the treatment with its images, the pairs
# with their photos and authorizations, and the reviews, come from the content
# cache and the photos' renditions from the rendition cache. Within the treatment
# page's budget (its FAQ blocks add one more there).
TREATMENT_WITH_GALLERY_QUERIES = 0
assert TREATMENT_WITH_GALLERY_QUERIES <= TREATMENT_PAGE_QUERIES
