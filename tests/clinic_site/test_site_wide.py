"""Site-wide pages: search, sitemap, robots.txt, favicon and the error pages."""

from django.template.loader import render_to_string
from django.test import override_settings

import pytest

from clinic_site.models import HomePage
from tests.clinic_site.factories import make_page

pytestmark = pytest.mark.django_db


def test_sitemap_lists_live_pages_with_absolute_urls(client, home_page):
    make_page(home_page, title="About us", slug="about")
    make_page(home_page, title="Draft", slug="draft", publish=False)

    response = client.get("/sitemap-pages.xml")

    assert response.status_code == 200
    xml = response.content.decode()
    assert "<loc>http://localhost/about/</loc>" in xml
    assert "/draft/" not in xml


@override_settings(CLINIC_SITEMAP_PAGE_SIZE=2)
def test_sitemap_is_an_index_of_sections_paged_so_no_response_grows_with_the_site(
    client, home_page
):
    for n in range(4):
        make_page(home_page, title=f"Page {n}", slug=f"page-{n}")

    index = client.get("/sitemap.xml").content.decode()
    pages = [client.get("/sitemap-pages.xml", {"p": n}).content.decode() for n in (1, 2, 3)]

    assert "<sitemapindex" in index
    assert "<loc>http://testserver/sitemap-pages.xml</loc>" in index
    assert "<loc>http://testserver/sitemap-pages.xml?p=3</loc>" in index
    assert [page.count("<url>") for page in pages] == [2, 2, 1]  # home page and four more
    assert client.get("/sitemap-pages.xml", {"p": 4}).status_code == 404


@override_settings(CLINIC_SITEMAP_PAGE_SIZE=2)
def test_sitemap_index_counts_the_pages_once_per_content_change(
    client, home_page, django_assert_num_queries
):
    for n in range(3):
        make_page(home_page, title=f"Page {n}", slug=f"page-{n}")
    client.get("/sitemap.xml")  # counted once, until the content changes

    with django_assert_num_queries(SITEMAP_INDEX_QUERIES):
        index = client.get("/sitemap.xml").content.decode()

    assert "<loc>http://testserver/sitemap-pages.xml?p=2</loc>" in index
    assert "?p=3" not in index  # the home page and three more
    make_page(home_page, title="Newest", slug="newest")
    updated = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://testserver/sitemap-pages.xml?p=3</loc>" in updated
    assert lastmod(updated) > lastmod(index)


def lastmod(index):
    return index.split("<lastmod>", 1)[1].split("</lastmod>", 1)[0]


# The site: how many pages it lists and when it last published one come from the
# content cache.
SITEMAP_INDEX_QUERIES = 1


def test_robots_txt_names_the_sitemap_and_keeps_crawlers_out_of_admin(client, home_page):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body
    assert "Disallow: /admin/" in body


def test_search_finds_a_page_by_a_word_in_its_introduction(client, home_page):
    make_page(
        home_page,
        model=HomePage,
        title="Skin boosters",
        slug="skin-boosters",
        intro="Hydrating microinjections for dull skin.",
    )

    response = client.get("/search/", {"q": "microinjections"})

    assert response.status_code == 200
    html = response.content.decode()
    assert '<a href="/skin-boosters/">Skin boosters</a>' in html
    assert "1 result for" in html


def test_search_does_not_show_unpublished_pages(client, home_page):
    make_page(home_page, title="Unreleased laser", slug="laser", publish=False)

    html = client.get("/search/", {"q": "Unreleased"}).content.decode()

    assert "Unreleased laser" not in html.split("<main", 1)[1]
    assert "No pages match" in html


@pytest.mark.parametrize("page_number", ["0", "999", "abc", "-1"])
def test_search_with_a_bad_page_number_still_shows_results(client, home_page, page_number):
    response = client.get("/search/", {"q": "Riverside", "page": page_number})

    assert response.status_code == 200
    assert "result for" in response.content.decode()


def test_empty_search_points_to_the_one_search_box_without_results(client, home_page):
    response = client.get("/search/")

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<form") == html.count('role="search"') == 1  # the header's
    assert '<label for="site-search-q"' in html
    assert "search box at the top of the page" in html
    assert "No pages match" not in html


def test_unknown_address_shows_the_404_page_in_the_sites_look(client, clinic_settings):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert "Riverside Skin Clinic" in html  # header and footer from the site's settings
    assert '<a class="skip-link" href="#main">' in html


def test_500_page_renders_without_a_request_or_database():
    html = render_to_string("500.html")

    assert "Something went wrong" in html
    assert "/static/clinic_site/css/site.css" in html


def test_favicon_redirects_to_the_static_icon(client, home_page):
    response = client.get("/favicon.ico")

    assert response.status_code == 301
    assert response["Location"] == "/static/clinic_site/img/favicon.ico"


def test_breadcrumbs_lead_from_home_to_the_current_page(client, home_page):
    section = make_page(home_page, title="Blog", slug="blog")
    make_page(section, model=HomePage, title="Botox for migraines", slug="botox")

    html = client.get("/blog/botox/").content.decode()

    assert '<nav class="breadcrumbs container" aria-label="Breadcrumb">' in html
    crumbs = html.split('aria-label="Breadcrumb">', 1)[1].split("</nav>", 1)[0]
    assert crumbs.index(">Riverside Skin Clinic<") < crumbs.index(">Blog<")
    assert '<span aria-current="page">Botox for migraines</span>' in crumbs


def test_redirects_app_sends_old_addresses_to_new_pages(client, home_page):
    from wagtail.contrib.redirects.models import Redirect

    page = make_page(home_page, title="Treatments", slug="treatments")
    Redirect.objects.create(old_path="/old-treatments", redirect_page=page)

    response = client.get("/old-treatments/")

    assert response.status_code == 301
    assert response["Location"].endswith("/treatments/")
