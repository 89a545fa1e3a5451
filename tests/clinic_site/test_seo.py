"""What social networks and search engines read from a page's head: Open Graph and Twitter."""

from django.test import override_settings

import pytest

from clinic_site.models import StandardPage
from tests.clinic_site.factories import ImageFactory, make_page
from tests.clinic_site.helpers import meta_tags

pytestmark = pytest.mark.django_db


def test_share_image_is_the_media_hosts_own_address_when_media_live_on_a_cdn(
    client, home_page, clinic_settings
):
    image = ImageFactory()
    page = make_page(
        home_page,
        model=StandardPage,
        title="About us",
        slug="about",
        hero_image=image,
        hero_image_alt="The clinic's waiting room",
    )

    with override_settings(MEDIA_URL="https://cdn.example/media/"):
        tags = meta_tags(client.get(page.url).content.decode())
        expected = "https://cdn.example/media/" + image.get_rendition("fill-1200x630").file.name

    assert tags["og:image"] == expected
    assert tags["twitter:image"] == expected


def test_share_image_on_local_media_is_absolute_on_the_requested_host(
    client, home_page, clinic_settings
):
    image = ImageFactory(large=True)
    page = make_page(
        home_page,
        model=StandardPage,
        title="About us",
        slug="about",
        hero_image=image,
        hero_image_alt="The clinic's waiting room",
    )

    tags = meta_tags(client.get(page.url).content.decode())

    rendition = image.get_rendition("fill-1200x630")
    assert tags["og:image"] == f"http://testserver{rendition.url}"
    assert tags["og:image:width"] == "1200"


def test_large_image_card_only_for_pages_with_an_image(client, home_page, clinic_settings):
    pictured = make_page(
        home_page,
        model=StandardPage,
        title="About us",
        slug="about",
        hero_image=ImageFactory(),
        hero_image_alt="The clinic's waiting room",
    )
    plain = make_page(home_page, model=StandardPage, title="Prices", slug="prices")

    pictured_tags = meta_tags(client.get(pictured.url).content.decode())
    plain_tags = meta_tags(client.get(plain.url).content.decode())

    assert pictured_tags["twitter:card"] == "summary_large_image"
    assert plain_tags["twitter:card"] == "summary"
    assert "og:image" not in plain_tags and "twitter:image" not in plain_tags
