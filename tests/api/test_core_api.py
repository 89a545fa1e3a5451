"""The shared core through the content APIs: page JSON, schema, CORS, sitemap base URL."""

from django.test import override_settings

import pytest

from clinic_site.models import HomePage, HomePageFeaturedPage
from tests.clinic_site.factories import ImageFactory, make_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def home(home_page):
    home_page.hero_image = ImageFactory(description="", large=True)
    home_page.hero_image_alt = "Consulting room with two chairs"
    home_page.save_revision().publish()
    return home_page


def featured(home, count):
    for n in range(count):
        page = make_page(
            home, model=HomePage, title=f"Peel {n}", slug=f"peel-{n}", hero_image=ImageFactory()
        )
        HomePageFeaturedPage.objects.create(home_page=home, page=page, sort_order=n)


def test_v3_page_detail_has_intro_hero_renditions_and_structured_data(client, home):
    featured(home, 2)

    data = client.get(f"/api/v3/pages/{home.pk}/").json()

    assert data["meta"]["type"] == "clinic_site.HomePage"
    assert data["intro"] == home.intro
    hero = data["hero_image"]
    assert hero["alt"] == "Consulting room with two chairs"
    assert set(hero["renditions"]) == {"card", "medium", "large", "social"}
    card = hero["renditions"]["card"]
    assert (card["width"], card["height"]) == (480, 320)
    assert card["url"].endswith(".webp")
    assert [item["title"] for item in data["featured_pages"]] == ["Peel 0", "Peel 1"]
    assert data["featured_pages"][0] == {
        "id": data["featured_pages"][0]["id"],
        "title": "Peel 0",
        "url": "/peel-0/",
        "type": "clinic_site.HomePage",
    }
    assert {obj["@type"] for obj in data["json_ld"]} >= {"WebSite"}


def test_v2_page_detail_has_the_same_fields(client, home):
    data = client.get(f"/api/v2/pages/{home.pk}/").json()

    assert data["hero_image"]["alt"] == "Consulting room with two chairs"
    assert data["hero_image"]["renditions"]["medium"]["width"] == 960
    assert data["intro"] == home.intro


def test_streamfield_blocks_serialise_with_resolved_pages_and_images(client, home):
    target = make_page(home, title="Book", slug="book")
    image = ImageFactory(large=True)
    home.body = [
        ("heading", {"text": "Why choose us", "level": "h2", "anchor": ""}),
        (
            "call_to_action",
            {
                "heading": "Ready?",
                "text": "",
                "button_label": "Book",
                "page": target,
                "external_url": "",
            },
        ),
        (
            "image",
            {
                "image": {"image": image, "alt_text": "Nurse", "decorative": False},
                "caption": "Our team",
                "attribution": "",
            },
        ),
    ]
    home.save_revision().publish()

    body = client.get(f"/api/v3/pages/{home.pk}/").json()["body"]

    assert body[0]["value"]["anchor_id"] == "why-choose-us"
    assert body[1]["value"]["page"]["url"] == "/book/"
    assert body[1]["value"]["url"] == "/book/"
    assert body[2]["value"]["image"]["alt"] == "Nurse"
    assert body[2]["value"]["image"]["renditions"]["card"]["width"] == 480


def test_openapi_schema_types_the_hero_image(client, home_page):
    schema = client.get("/api/v3/openapi.json").json()

    assert schema["openapi"].startswith("3.1")
    home_schema = schema["components"]["schemas"]["HomePageSchema"]
    hero = home_schema["properties"]["hero_image"]
    refs = [option.get("$ref", "") for option in hero.get("anyOf", [hero])]
    image_schema = schema["components"]["schemas"][
        next(ref for ref in refs if ref).rsplit("/", 1)[-1]
    ]
    assert {"id", "alt", "width", "height", "renditions"} <= set(image_schema["properties"])


@pytest.mark.parametrize("items", [1, 5])
def test_detail_and_list_query_counts_do_not_grow_with_featured_pages(
    client, home, django_assert_num_queries, items
):
    featured(home, items)
    client.get(f"/api/v3/pages/{home.pk}/")  # generate renditions once

    with django_assert_num_queries(DETAIL_QUERIES):
        assert client.get(f"/api/v3/pages/{home.pk}/").status_code == 200
    with django_assert_num_queries(LIST_QUERIES):
        assert client.get("/api/v3/pages/").status_code == 200


# Wagtail's view restrictions, the page as Wagtail finds it, its ancestors (the
# tree's root), the featured pages; the site and the home page as its type come
# from the content cache.
DETAIL_QUERIES = 4
# Wagtail's view restrictions, the count (kept from then on), the page of items.
LIST_QUERIES = 3


@override_settings(CORS_ALLOWED_ORIGINS=["https://front.example.com"])
def test_cors_allows_only_the_configured_front_end_origin(client, home_page):
    allowed = client.get("/api/v3/pages/", HTTP_ORIGIN="https://front.example.com")
    denied = client.get("/api/v3/pages/", HTTP_ORIGIN="https://evil.example.net")
    not_api = client.get("/", HTTP_ORIGIN="https://front.example.com")

    assert allowed["Access-Control-Allow-Origin"] == "https://front.example.com"
    assert "Access-Control-Allow-Origin" not in denied
    assert "Access-Control-Allow-Origin" not in not_api


@override_settings(CORS_ALLOWED_ORIGINS=["https://front.example.com"])
def test_cors_preflight_allows_json_posts_with_an_idempotency_key(client, home_page):
    response = client.options(
        "/api/v3/pages/",
        HTTP_ORIGIN="https://front.example.com",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="content-type, idempotency-key",
    )

    assert response.status_code == 200
    assert "idempotency-key" in response["Access-Control-Allow-Headers"]


@override_settings(CLINIC_HEADLESS_FRONTEND_URL="https://www.clinic.example")
def test_sitemap_uses_the_front_end_base_url_when_set(client, home_page):
    make_page(home_page, title="About", slug="about")

    xml = client.get("/sitemap-pages.xml").content.decode()

    assert "<loc>https://www.clinic.example/about/</loc>" in xml
    assert "http://localhost/" not in xml
