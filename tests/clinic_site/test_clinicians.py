"""
Clinician profiles and the team page: what patients see, what search engines and
front ends read, and how bylines and "Medically reviewed by" lines link to them.
"""

import datetime
import json

from django.core.exceptions import ValidationError

import pytest

from clinic_site.models import (
    Author,
    ClinicianPage,
    ClinicianTreatment,
    HomePage,
    Specialty,
    TeamPage,
)
from tests.blog.factories import make_blog, make_post
from tests.clinic_site.factories import (
    ImageFactory,
    make_clinic_settings,
    make_home_page,
    make_page,
)
from tests.treatments.factories import make_index, make_treatment

REVIEWED_ON = datetime.date(2026, 3, 2)


def json_ld(html):
    return [
        json.loads(chunk.split("</script>")[0])
        for chunk in html.split('<script type="application/ld+json">')[1:]
    ]


def make_clinician(team, slug, **fields):
    fields.setdefault("title", slug.replace("-", " ").title())
    fields.setdefault("job_title", "Clinician")
    treatments = fields.pop("treatments", [])
    fields["offered_treatments"] = [ClinicianTreatment(page=page) for page in treatments]
    return make_page(team, model=ClinicianPage, slug=slug, **fields)


@pytest.fixture(scope="module")
def team(module_db):
    home = make_home_page()
    make_clinic_settings()
    neurology = Specialty.objects.create(name="Neurology", slug="neurology")
    dermatology = Specialty.objects.create(name="Dermatology", slug="dermatology")
    treatments = make_index(home)
    botox = make_treatment(treatments, intro="Injections that calm migraine.")
    team = make_page(home, model=TeamPage, title="Our team", slug="team")
    ana = make_clinician(
        team,
        "ana-silva",
        title="Dr Ana Silva",
        credentials="MBBS, MRCP",
        job_title="Consultant neurologist",
        intro="Runs the headache clinic.",
        photo=ImageFactory(description="Dr Ana Silva smiling in a blue jacket"),
        regulator="gmc",
        registration_number="7012345",
        languages="English, Portuguese",
        bio="Ana trained in Lisbon.\n\nShe has run a headache service for twelve years.",
        specialties=[neurology],
        treatments=[botox],
    )
    cara = make_clinician(
        team,
        "cara-lee",
        title="Cara Lee",
        credentials="RN",
        job_title="Nurse prescriber",
        regulator="nmc",
        registration_number="12A3456E",
        specialties=[dermatology],
    )
    liam = make_clinician(
        team,
        "liam-byrne",
        title="Dr Liam Byrne",
        job_title="Dermatologist",
        regulator="other",
        regulator_name="Irish Medical Council",
        registration_number="401234",
        register_url="https://register.example.ie/401234",
    )
    make_clinician(team, "draft-person", title="Dr Not Yet", publish=False)
    author = Author.objects.create(name="Dr Ana Silva", credentials="MBBS, MRCP", profile_page=ana)
    plain = Author.objects.create(name="Sam Writer")
    blog = make_blog(home)
    written = make_post(blog, title="Living with migraine", authors=[author, plain])
    reviewed = make_post(
        blog,
        title="Sleep and headaches",
        authors=[plain],
        reviewer=author,
        last_reviewed=REVIEWED_ON,
    )
    make_post(blog, title="A draft by Ana", authors=[author], publish=False)
    reviewed_treatment = make_treatment(
        treatments,
        title="Nerve blocks",
        slug="nerve-blocks",
        reviewer=author,
        last_reviewed=REVIEWED_ON,
    )
    return {
        "home": home,
        "team": team,
        "ana": ana,
        "cara": cara,
        "liam": liam,
        "author": author,
        "written": written,
        "reviewed": reviewed,
        "botox": botox,
        "reviewed_treatment": reviewed_treatment,
    }


# Where the pages go ---------------------------------------------------------------


@pytest.mark.django_db
def test_profiles_go_only_under_the_single_team_page(team):
    assert not ClinicianPage.can_create_at(team["home"])
    assert ClinicianPage.can_create_at(team["team"])
    assert set(TeamPage.allowed_parent_page_models()) == {HomePage}
    assert not TeamPage.can_create_at(team["home"])  # there is one already


# What patients see ------------------------------------------------------------------


@pytest.mark.django_db
def test_team_page_shows_each_published_clinician_as_a_card(client, team):
    html = client.get("/team/").content.decode()

    assert 'href="/team/ana-silva/">Dr Ana Silva, MBBS, MRCP</a>' in html
    assert "Consultant neurologist" in html and "Nurse prescriber" in html
    assert "Neurology" in html and "Dermatology" in html
    assert "GMC registration 7012345" in html
    assert 'alt="Dr Ana Silva smiling in a blue jacket"' in html
    assert "Dr Not Yet" not in html


@pytest.mark.django_db
def test_profile_links_a_gmc_registration_to_the_doctors_register_entry(client, team):
    html = client.get("/team/ana-silva/").content.decode()

    assert "General Medical Council (GMC)" in html and "7012345" in html
    assert 'href="https://www.gmc-uk.org/doctors/7012345"' in html
    assert "Check this registration on the GMC register" in html
    assert "English, Portuguese" in html
    assert "<p>She has run a headache service for twelve years.</p>" in html


@pytest.mark.django_db
def test_profile_on_a_register_without_entry_pages_opens_its_search_with_the_number(client, team):
    html = client.get("/team/cara-lee/").content.decode()

    assert 'href="https://www.nmc.org.uk/registration/search-the-register/"' in html
    assert "Search the register for the number 12A3456E." in html


@pytest.mark.django_db
def test_profile_with_another_regulator_links_the_address_the_editor_gave(client, team):
    html = client.get("/team/liam-byrne/").content.decode()

    assert "Irish Medical Council" in html
    assert 'href="https://register.example.ie/401234"' in html


@pytest.mark.django_db
def test_profile_lists_treatments_offered_articles_written_and_pages_reviewed(client, team):
    html = client.get("/team/ana-silva/").content.decode()
    treatments = html[html.index('id="clinician-treatments"') :]
    articles = html[html.index('id="clinician-articles"') : html.index('id="clinician-reviewed"')]
    reviewed = html[html.index('id="clinician-reviewed"') :]

    assert 'href="/treatments/botox-for-migraines/"' in treatments
    assert "Living with migraine" in articles and "Sleep and headaches" not in articles
    assert "A draft by Ana" not in html
    assert "Sleep and headaches" in reviewed and "Nerve blocks" in reviewed
    assert "Living with migraine" not in reviewed


@pytest.mark.django_db
def test_a_review_of_content_since_changed_is_no_longer_listed(client, team):
    treatment = team["reviewed_treatment"]
    treatment.intro = "A new claim nobody approved."
    treatment.save_revision().publish()

    html = client.get("/team/ana-silva/").content.decode()

    assert "Nerve blocks" not in html


# Bylines and review lines ------------------------------------------------------------


@pytest.mark.django_db
def test_byline_links_an_author_to_their_profile_and_leaves_others_plain(client, team):
    html = client.get(team["written"].url).content.decode()
    byline = html[html.index('class="post-meta__authors"') :].split("</span>")[0]

    assert '<a href="/team/ana-silva/">Dr Ana Silva, MBBS, MRCP</a>' in byline
    assert "Sam Writer" in byline and "<a" not in byline.split("Sam Writer")[0][-3:]


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["reviewed", "reviewed_treatment"])
def test_reviewed_by_line_links_the_profile_and_shows_the_specialty(client, team, page):
    html = client.get(team[page].url).content.decode()

    assert (
        'Medically reviewed by <a href="/team/ana-silva/">Dr Ana Silva, MBBS, MRCP</a> '
        '<span class="person-specialty">(Neurology)</span>'
    ) in html


# Structured data ---------------------------------------------------------------------


@pytest.mark.django_db
def test_profile_describes_the_clinician_as_a_registered_person(client, team):
    page, breadcrumbs = json_ld(client.get("/team/ana-silva/").content.decode())
    person = page["mainEntity"]

    assert page["@type"] == "ProfilePage" and breadcrumbs["@type"] == "BreadcrumbList"
    assert person["@type"] == "Person"
    assert person["name"] == "Dr Ana Silva"
    assert person["jobTitle"] == "Consultant neurologist"
    assert person["knowsLanguage"] == ["English", "Portuguese"]
    assert person["knowsAbout"] == ["Neurology"]
    assert person["sameAs"] == ["https://www.gmc-uk.org/doctors/7012345"]
    assert person["identifier"]["value"] == "7012345"
    assert person["hasCredential"]["recognizedBy"]["name"] == "General Medical Council (GMC)"
    assert person["url"].endswith("/team/ana-silva/")


@pytest.mark.django_db
def test_search_engines_get_no_register_link_that_is_only_a_search_form(client, team):
    page, _breadcrumbs = json_ld(client.get("/team/cara-lee/").content.decode())

    assert "sameAs" not in page["mainEntity"]
    assert page["mainEntity"]["identifier"]["value"] == "12A3456E"


@pytest.mark.django_db
def test_article_names_the_profiled_author_and_reviewer_with_their_registration(client, team):
    written = json_ld(client.get(team["written"].url).content.decode())[0]
    reviewed = json_ld(client.get(team["reviewed"].url).content.decode())
    medical_page = next(item for item in reviewed if item["@type"] == "MedicalWebPage")

    ana = written["author"][0]
    assert ana["sameAs"] == ["https://www.gmc-uk.org/doctors/7012345"]
    assert written["author"][1] == {"@type": "Person", "name": "Sam Writer"}
    assert medical_page["reviewedBy"]["identifier"]["value"] == "7012345"


# API, search, sitemap ----------------------------------------------------------------


@pytest.mark.django_db
def test_profile_is_in_both_apis_with_its_registration_and_lists(client, team):
    pk = team["ana"].pk
    v2 = client.get(f"/api/v2/pages/{pk}/").json()
    v3 = client.get(f"/api/v3/pages/{pk}/").json()

    for data in (v2, v3):
        assert data["registration"] == {
            "regulator": "GMC",
            "regulator_name": "General Medical Council (GMC)",
            "number": "7012345",
            "register_url": "https://www.gmc-uk.org/doctors/7012345",
            "register_url_is_search": False,
        }
        assert [s["name"] for s in data["specialties"]] == ["Neurology"]
        assert data["languages"] == ["English", "Portuguese"]
        assert [t["url"] for t in data["treatments"]] == ["/treatments/botox-for-migraines/"]
        assert [a["title"] for a in data["articles"]] == ["Living with migraine"]
        assert {p["title"] for p in data["reviewed_pages"]} == {
            "Sleep and headaches",
            "Nerve blocks",
        }
        assert data["photo"]["alt"] == "Dr Ana Silva smiling in a blue jacket"


@pytest.mark.django_db
@pytest.mark.parametrize("version", ["v2", "v3"])
def test_api_reviewer_carries_the_profile_address_and_specialty(client, team, version):
    pk = team["reviewed_treatment"].pk
    reviewer = client.get(f"/api/{version}/pages/{pk}/").json()["reviewer"]

    assert reviewer["profile_url"] == "/team/ana-silva/"
    assert reviewer["specialty"] == "Neurology"


@pytest.mark.django_db
def test_profile_photo_renditions_are_made_when_the_profile_is_published(team):
    from clinic_site import renditions

    assert (team["ana"].photo, (renditions.PORTRAIT,)) in renditions.images_of(team["ana"])


@pytest.mark.django_db
def test_v3_schema_types_the_registration(client, team):
    schema = client.get("/api/v3/openapi.json").json()
    registration = schema["components"]["schemas"]["RegistrationDict"]

    assert set(registration["properties"]) >= {"regulator", "number", "register_url"}


@pytest.mark.django_db
def test_profiles_are_found_by_search_and_listed_in_the_sitemap(client, team):
    results = client.get("/search/", {"q": "Portuguese"}).content.decode()
    sitemap = client.get("/sitemap-pages.xml").content.decode()

    assert 'href="/team/ana-silva/"' in results
    assert "/team/</loc>" in sitemap and "/team/ana-silva/</loc>" in sitemap
    assert "/team/draft-person/</loc>" not in sitemap


# Editing -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "field_in_error"),
    [
        ({"regulator": "gmc", "registration_number": "12345"}, "registration_number"),
        ({"regulator": "nmc", "registration_number": "7012345"}, "registration_number"),
        ({"regulator": "", "registration_number": "7012345"}, "regulator"),
        ({"regulator": "other", "registration_number": "1"}, "regulator_name"),
    ],
)
def test_a_registration_that_cannot_be_right_is_refused_with_a_clear_message(
    fields, field_in_error
):
    page = ClinicianPage(title="Dr Test", slug="test", job_title="Doctor", **fields)

    with pytest.raises(ValidationError) as error:
        page.clean()

    assert field_in_error in error.value.message_dict
    assert error.value.message_dict[field_in_error][0].endswith(".")


def test_a_gmc_number_with_stray_spaces_is_accepted_and_tidied():
    page = ClinicianPage(
        title="Dr Test", slug="t", job_title="D", regulator="gmc", registration_number=" 7012345 "
    )
    page.clean()
    assert page.registration_number == "7012345"


# Queries ---------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 6])
def test_team_page_queries_do_not_grow_with_the_team(
    client, clinic_settings, django_assert_num_queries, count
):
    specialty = Specialty.objects.create(name="Skin", slug="skin")
    team = make_page(clinic_settings.site.root_page, model=TeamPage, title="Team", slug="team")
    for n in range(count):
        make_clinician(
            team, f"person-{n}", photo=ImageFactory(), specialties=[specialty], regulator="gmc"
        )
    client.get("/team/")  # the first view makes the photos' renditions

    with django_assert_num_queries(TEAM_PAGE_QUERIES):
        response = client.get("/team/")

    assert response.content.decode().count("clinician-card__specialties") == count


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 6])
def test_profile_queries_do_not_grow_with_articles_or_reviews(
    client, clinic_settings, django_assert_num_queries, count
):
    home = clinic_settings.site.root_page
    team = make_page(home, model=TeamPage, title="Team", slug="team")
    profile = make_clinician(team, "ana", photo=ImageFactory(), regulator="gmc")
    author = Author.objects.create(name="Ana", profile_page=profile)
    blog = make_blog(home)
    index = make_index(home)
    for n in range(count):
        make_post(blog, authors=[author])
        make_post(blog, reviewer=author, last_reviewed=REVIEWED_ON)
        make_treatment(
            index, title=f"T{n}", slug=f"t-{n}", reviewer=author, last_reviewed=REVIEWED_ON
        )
    client.get(profile.url)  # the first view fills the caches

    with django_assert_num_queries(PROFILE_PAGE_QUERIES):
        response = client.get(profile.url)

    html = response.content.decode()
    reviewed = html[html.index('id="clinician-reviewed"') :].split("</ul>")[0]
    assert reviewed.count("<li>") == 2 * count


# The cards with their photos (one) and specialties (one); the site, the pages on
# the address and the team page come from the content cache.
TEAM_PAGE_QUERIES = 2
# None: the site, the pages on the address, the profile with its photo and what it
# lists (author record, treatments, articles, reviews, specialties) come from the
# content cache.
PROFILE_PAGE_QUERIES = 0
