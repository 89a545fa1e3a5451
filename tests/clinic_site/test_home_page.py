"""The home page: what a patient sees, and what an editor's changes do to it."""

from django.core.exceptions import ValidationError
from django.test import override_settings

import pytest
from wagtail.models import Page

from clinic_site.models import HomePage, HomePageFeaturedPage
from tests.clinic_site.factories import ImageFactory, make_page

pytestmark = pytest.mark.django_db


def test_home_page_shows_the_clinic_details_from_settings(client, clinic_settings):
    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Riverside Skin Clinic" in html
    assert 'href="tel:+441614960000"' in html
    assert "care@riverside.example" in html
    assert "4 Mill Lane<br>Manchester M1 1AA" in html
    assert "Monday to Friday: 8:30 to 18:00" in html
    assert "Information here is not a diagnosis." in html


def test_editing_the_clinic_settings_changes_every_page(client, clinic_settings):
    clinic_settings.phone = "+44 161 496 9999"
    clinic_settings.clinic_name = "Riverside Clinic & Spa"
    clinic_settings.save()

    html = client.get("/").content.decode()

    assert "+44 161 496 9999" in html
    assert "+44 161 496 0000" not in html
    assert "Riverside Clinic &amp; Spa" in html


def test_home_page_has_landmarks_skip_link_and_one_h1(client, home_page):
    html = client.get("/").content.decode()

    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html
    assert "<header" in html and "<footer" in html
    assert html.count("<h1") == 1


def test_hero_image_is_rendered_with_its_alt_text(client, home_page):
    home_page.hero_image = ImageFactory()
    home_page.hero_image_alt = "A clinician talking with a patient"
    home_page.save_revision().publish()

    html = client.get("/").content.decode()

    assert 'alt="A clinician talking with a patient"' in html
    assert 'property="og:image:alt" content="A clinician talking with a patient"' in html


def test_hero_image_without_any_alt_text_is_refused(home_page):
    home_page.hero_image = ImageFactory(description="")
    home_page.hero_image_alt = ""

    with pytest.raises(ValidationError) as error:
        home_page.full_clean()

    assert "hero_image_alt" in error.value.message_dict


def test_hero_alt_text_falls_back_to_the_image_description(home_page):
    home_page.hero_image = ImageFactory(description="Sunlit waiting room")
    home_page.hero_image_alt = ""

    home_page.full_clean()

    assert home_page.hero_alt_text == "Sunlit waiting room"


def test_hero_button_links_to_the_chosen_live_page(client, home_page):
    target = make_page(home_page, title="Book a consultation", slug="book")
    home_page.hero_cta_label = "Book now"
    home_page.hero_cta_page = target
    home_page.save_revision().publish()

    html = client.get("/").content.decode()

    assert '<a class="button button--large" href="/book/">Book now</a>' in html


def test_featured_pages_show_as_cards_in_the_editors_order(client, home_page):
    first = make_page(home_page, title="Lip filler", slug="lip-filler")
    second = make_page(home_page, title="Chemical peel", slug="peel")
    draft = make_page(home_page, title="Secret draft", slug="draft", publish=False)
    for order, page in enumerate([second, first, draft]):
        HomePageFeaturedPage.objects.create(home_page=home_page, page=page, sort_order=order)

    html = client.get("/").content.decode()

    assert "Our treatments" in html
    assert html.index("Chemical peel") < html.index("Lip filler")
    assert "Secret draft" not in html


def test_main_menu_lists_pages_marked_show_in_menus(client, home_page):
    make_page(home_page, title="Treatments", slug="treatments", show_in_menus=True)
    make_page(home_page, title="Hidden", slug="hidden", show_in_menus=False)

    html = client.get("/").content.decode()

    assert '<nav class="main-nav" aria-label="Main">' in html
    assert '<a href="/treatments/">Treatments</a>' in html
    assert ">Hidden<" not in html


def test_latest_posts_section_is_absent_without_a_blog(client, home_page):
    with override_settings(CLINIC_LATEST_POSTS_MODEL="nonexistent.Model"):
        html = client.get("/").content.decode()

    assert "Latest articles" not in html


def test_home_page_structured_data_describes_the_clinic(client, clinic_settings):
    import json
    import re

    html = client.get("/").content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    objects = [json.loads(block) for block in blocks]
    types = {obj["@type"]: obj for obj in objects}

    assert types["MedicalClinic"]["name"] == "Riverside Skin Clinic"
    assert types["MedicalClinic"]["telephone"] == "+44 161 496 0000"
    assert types["WebSite"]["potentialAction"]["@type"] == "SearchAction"


def test_only_one_home_page_may_exist_at_the_root(home_page):
    root = Page.get_first_root_node()

    assert HomePage.allowed_parent_page_models() == [Page]
    assert not HomePage.can_create_at(root)
    assert not HomePage.can_create_at(home_page)


@pytest.mark.parametrize("featured", [1, 6])
# Counted without an articles app, whichever apps are installed; each app that
# provides the latest articles asserts its own count for the home page.
@override_settings(CLINIC_LATEST_POSTS_MODEL="nonexistent.Model")
def test_home_page_query_count_does_not_grow_with_featured_pages(
    client, clinic_settings, django_assert_num_queries, featured
):
    home = clinic_settings.site.root_page.specific
    for n in range(featured):
        # Any page type with a main image will do; the core's only one is HomePage.
        page = make_page(
            home, model=HomePage, title=f"P{n}", slug=f"p{n}", hero_image=ImageFactory()
        )
        HomePageFeaturedPage.objects.create(home_page=home, page=page, sort_order=n)
    home.hero_image = ImageFactory()
    home.save_revision().publish()
    client.get("/")  # first view generates image renditions

    with django_assert_num_queries(HOME_PAGE_QUERIES):
        response = client.get("/")

    assert response.status_code == 200


# The home page's hero image, the featured pages (one query) as their type with
# their images (one query per type). The site with its home page, the clinic's
# details, the menu and the footer come from the content cache.
HOME_PAGE_QUERIES = 3
