"""
The staff roles the migrations create, as each person meets the admin: every
admin screen of the site, opened by a member of each group, answers as
docs/editing.md says (200, or a refusal: 403 or a redirect to the dashboard).
"""

import importlib

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client

import pytest
from wagtail.models import GroupPagePermission, Page, Site

from blog.models import BlogComment
from clinic_site.models import (
    ClinicianPage,
    ClinicSettings,
    PatientAuthorization,
    Specialty,
    TeamPage,
)
from clinic_site.models import Testimonial as PatientReview  # not a test class for pytest
from tests.blog.factories import AuthorFactory, CategoryFactory, make_blog, make_post
from tests.clinic_site.factories import make_clinic_settings, make_home_page, make_page
from tests.consultations.factories import ConsultationRequestFactory, make_consultation_page
from tests.treatments.factories import (
    ConditionFactory,
    QuestionFactory,
    TreatmentCategoryFactory,
    make_faq_page,
    make_index,
    make_treatment,
)

pytestmark = pytest.mark.django_db

ROLES = ("Marketing editor", "Clinical reviewer", "Front desk", "Comment moderator")
ED, CR, FD, CM = ROLES

# Each admin screen and who may open it; everyone else is refused.
MATRIX = [
    ("dashboard", "/admin/", set(ROLES)),
    ("page explorer", "/admin/pages/{home}/", {ED, CR}),
    ("edit article", "/admin/pages/{post}/edit/", {ED, CR}),
    ("add article", "/admin/pages/add/blog/blogpostpage/{blog}/", {ED, CR}),
    ("edit treatment", "/admin/pages/{treatment}/edit/", {ED, CR}),
    ("edit question list", "/admin/pages/{faq}/edit/", {ED, CR}),
    ("edit consultation page", "/admin/pages/{consultation}/edit/", {ED, CR}),
    ("authors", "/admin/snippets/clinic_site/author/", {ED, CR}),
    ("edit author", "/admin/snippets/clinic_site/author/edit/{author}/", {ED}),
    ("specialties", "/admin/snippets/clinic_site/specialty/", {ED, CR}),
    ("edit specialty", "/admin/snippets/clinic_site/specialty/edit/{specialty}/", {ED}),
    ("add clinician profile", "/admin/pages/add/clinic_site/clinicianpage/{team}/", {ED, CR}),
    ("edit clinician profile", "/admin/pages/{clinician}/edit/", {ED, CR}),
    ("blog categories", "/admin/snippets/blog/blogcategory/", {ED}),
    ("edit blog category", "/admin/snippets/blog/blogcategory/edit/{category}/", {ED}),
    ("treatment categories", "/admin/snippets/treatments/treatmentcategory/", {ED}),
    ("conditions", "/admin/snippets/treatments/condition/", {ED}),
    ("edit condition", "/admin/snippets/treatments/condition/edit/{condition}/", {ED}),
    ("shared questions", "/admin/snippets/treatments/question/", {ED, CR}),
    ("edit shared question", "/admin/snippets/treatments/question/edit/{question}/", {ED, CR}),
    ("comments", "/admin/snippets/blog/blogcomment/", {CM}),
    ("whole comment", "/admin/snippets/blog/blogcomment/inspect/{comment}/", {CM}),
    ("clinic details", "/admin/settings/clinic_site/clinicsettings/{site}/", {ED}),
    ("redirects", "/admin/redirects/", {ED}),
    ("promoted search results", "/admin/searchpicks/", {ED}),
    ("promote a search result", "/admin/searchpicks/add/", {ED}),
    ("search synonyms", "/admin/snippets/clinic_site/searchsynonym/", {ED}),
    ("add search synonyms", "/admin/snippets/clinic_site/searchsynonym/add/", {ED}),
    ("review report", "/admin/reports/medical-review-due/", {ED, CR}),
    ("review report filtered", "/admin/reports/medical-review-due/results/?window=all", {ED, CR}),
    ("review report as CSV", "/admin/reports/medical-review-due/?export=csv", {ED, CR}),
    ("review report as XLSX", "/admin/reports/medical-review-due/?export=xlsx", {ED, CR}),
    ("patient authorizations", "/admin/patient_authorizations/", {FD}),
    ("record authorization", "/admin/patient_authorizations/new/", {FD}),
    ("one authorization", "/admin/patient_authorizations/inspect/{authorization}/", {FD}),
    ("edit authorization", "/admin/patient_authorizations/edit/{authorization}/", {FD}),
    ("withdraw authorization", "/admin/patient_authorizations/withdraw/{authorization}/", {FD}),
    ("patient reviews", "/admin/snippets/clinic_site/testimonial/", {ED}),
    ("edit patient review", "/admin/snippets/clinic_site/testimonial/edit/{testimonial}/", {ED}),
    ("consultation requests", "/admin/consultationrequest/", {FD}),
    ("one request", "/admin/consultationrequest/inspect/{request}/", {FD}),
    ("images", "/admin/images/", {ED, CR}),
    ("documents", "/admin/documents/", {ED, CR}),
    ("users", "/admin/users/", set()),
    ("groups", "/admin/groups/", set()),
    ("workflows", "/admin/workflows/list/", set()),
]


@pytest.fixture(scope="module")
def site_data(module_db):
    """The whole site, one object of each kind, and a member of each group: built once."""
    home = make_home_page()
    make_clinic_settings()
    blog = make_blog(home)
    author = AuthorFactory()
    post = make_post(blog, authors=[author])
    index = make_index(home)
    team = make_page(home, model=TeamPage, title="Our team", slug="team")
    clinician = make_page(team, model=ClinicianPage, title="Dr A", slug="a", job_title="GP")
    ids = {
        "team": team.pk,
        "clinician": clinician.pk,
        "specialty": Specialty.objects.create(name="Dermatology", slug="dermatology").pk,
        "home": home.pk,
        "blog": blog.pk,
        "post": post.pk,
        "treatment": make_treatment(index).pk,
        "faq": make_faq_page(home).pk,
        "consultation": make_consultation_page(home).pk,
        "author": author.pk,
        "category": CategoryFactory().pk,
        "condition": ConditionFactory().pk,
        "question": QuestionFactory().pk,
        "comment": BlogComment.objects.create(
            post=post, name="Maria", email="maria@example.org", body="Does it hurt?"
        ).pk,
        "site": Site.objects.get(is_default_site=True).pk,
        "request": ConsultationRequestFactory().pk,
    }
    consent = PatientAuthorization.objects.create(patient_record="RX-1")
    ids["authorization"] = consent.pk
    ids["testimonial"] = PatientReview.objects.create(
        quote="Kind staff.", shown_name="Jo", authorization=consent
    ).pk
    TreatmentCategoryFactory()
    users = {}
    for role in ROLES:
        user = get_user_model().objects.create_user(role.replace(" ", "-").lower())
        user.groups.add(Group.objects.get(name=role))
        users[role] = user
    return ids, users


def answer(client, url):
    response = client.get(url)
    if response.status_code == 200:
        return "allowed"
    refused = response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == "/admin/"
    )
    return "refused" if refused else f"unexpected {response.status_code}"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("screen", "url", "allowed"), MATRIX, ids=[row[0] for row in MATRIX])
def test_each_role_opens_exactly_its_own_admin_screens(site_data, role, screen, url, allowed):
    ids, users = site_data
    client = Client()
    client.force_login(users[role])

    expected = "allowed" if role in allowed else "refused"
    assert answer(client, url.format(**ids)) == expected, f"{role} opening {screen}"


def test_only_front_desk_staff_see_consultation_requests_in_the_menu(site_data):
    ids, users = site_data
    for role in ROLES:
        client = Client()
        client.force_login(users[role])
        html = client.get("/admin/").content.decode()
        assert ("Consultation requests" in html) is (role == FD), role


def test_only_front_desk_staff_see_patient_authorizations_in_the_menu(site_data):
    ids, users = site_data
    for role in ROLES:
        client = Client()
        client.force_login(users[role])
        html = client.get("/admin/").content.decode()
        assert ('"url": "/admin/patient_authorizations/"' in html) is (role == FD), role


def test_the_roles_migration_can_run_again_and_leaves_wagtails_groups_alone(site_data):
    migration = importlib.import_module(
        "clinic_site.migrations.0009_staff_roles_and_clinical_review"
    )
    editors = Group.objects.get(name="Editors")
    before = {
        group.name: (set(group.permissions.all()), group.page_permissions.count())
        for group in Group.objects.all()
    }

    migration.create_roles(apps, schema_editor=None)

    after = {
        group.name: (set(group.permissions.all()), group.page_permissions.count())
        for group in Group.objects.all()
    }
    assert after == before
    assert (
        apps.get_model("wagtailcore", "Workflow").objects.filter(name="Clinical review").count()
        == 1
    )
    assert not editors.permissions.filter(codename="change_clinicsettings").exists()
    root = Page.get_first_root_node()
    assert set(
        GroupPagePermission.objects.filter(group__name=ED, page=root).values_list(
            "permission__codename", flat=True
        )
    ) == {"add_page", "change_page", "publish_page", "lock_page", "unlock_page"}
    assert ClinicSettings.objects.exists()
