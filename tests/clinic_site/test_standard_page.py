"""General pages: where they may go, what they show, and the footer's legal links."""

import json

import pytest
from wagtail.models import Page

from clinic_site.models import ClinicSettings, HomePage, StandardPage
from tests.clinic_site.factories import make_clinic_settings, make_home_page, make_page


def body(text):
    return [("paragraph", f"<p>{text}</p>")]


@pytest.fixture(scope="module")
def site(module_db):
    home = make_home_page()
    clinic = make_clinic_settings()
    about = make_page(
        home,
        model=StandardPage,
        title="About us",
        slug="about",
        kind="about",
        intro="Who we are.",
        body=body("Founded by two nurses in a converted boathouse."),
    )
    legal = make_page(home, model=StandardPage, title="Legal", slug="legal")
    privacy = make_page(legal, model=StandardPage, title="Privacy notice", slug="privacy")
    complaints = make_page(legal, model=StandardPage, title="Complaints", slug="complaints")
    draft = make_page(legal, model=StandardPage, title="Terms", slug="terms", publish=False)
    clinic.legal_links = [("page", complaints), ("page", draft), ("page", privacy)]
    clinic.privacy_notice_page = privacy
    clinic.save()
    return {"home": home, "about": about, "legal": legal, "privacy": privacy, "draft": draft}


@pytest.mark.django_db
def test_general_pages_go_under_the_home_page_and_under_each_other(site):
    assert set(StandardPage.allowed_parent_page_models()) == {HomePage, StandardPage}
    assert StandardPage.can_create_at(site["home"])
    assert StandardPage.can_create_at(site["about"])
    assert not StandardPage.can_create_at(Page.get_first_root_node())


@pytest.mark.django_db
def test_general_page_shows_its_content_and_lists_its_live_child_pages(client, site):
    about = client.get("/about/").content.decode()
    legal = client.get("/legal/").content.decode()

    assert "Founded by two nurses in a converted boathouse." in about
    assert "<h1>About us</h1>" in about
    assert 'href="/legal/privacy/"' in legal and 'href="/legal/complaints/"' in legal
    assert "Terms" not in legal.split("site-footer")[0]


@pytest.mark.django_db
def test_footer_links_the_chosen_legal_pages_in_order_and_skips_drafts(client, site):
    html = client.get("/about/").content.decode()
    footer = html[html.index('aria-label="Legal information"') :]

    assert footer.index("/legal/complaints/") < footer.index("/legal/privacy/")
    assert "/legal/terms/" not in footer


@pytest.mark.django_db
def test_about_page_is_described_as_an_about_page_to_search_engines(client, site):
    html = client.get("/about/").content.decode()
    blocks = [
        json.loads(chunk.split("</script>")[0])
        for chunk in html.split('<script type="application/ld+json">')[1:]
    ]

    assert {block["@type"] for block in blocks} == {"AboutPage", "BreadcrumbList"}
    assert blocks[0]["name"] == "About us"


@pytest.mark.django_db
def test_general_page_content_is_in_both_apis_search_and_the_sitemap(client, site):
    about = site["about"]
    v3 = client.get(f"/api/v3/pages/{about.pk}/").json()
    v2 = client.get(f"/api/v2/pages/{about.pk}/").json()
    results = client.get("/search/", {"q": "boathouse"}).content.decode()
    sitemap = client.get("/sitemap-pages.xml").content.decode()

    assert v3["kind"] == v2["kind"] == "about"
    assert v3["body"][0]["value"] == v2["body"][0]["value"]
    assert "converted boathouse" in v3["body"][0]["value"]
    assert 'href="/about/"' in results
    assert "/about/</loc>" in sitemap


@pytest.mark.django_db
def test_privacy_notice_url_is_empty_when_the_page_is_unpublished(site):
    clinic = ClinicSettings.objects.get()
    assert clinic.privacy_notice_url == "/legal/privacy/"

    clinic.privacy_notice_page = site["draft"]
    assert clinic.privacy_notice_url == ""
