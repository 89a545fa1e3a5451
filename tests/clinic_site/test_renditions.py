"""Images: sizes, modern formats, lazy loading, the hero preloaded, renditions made ahead."""

import re

import pytest

from clinic_site.models import HomePage
from tests.blog.factories import make_blog, make_post
from tests.clinic_site.factories import ImageFactory, make_page

pytestmark = pytest.mark.django_db


def test_publishing_a_page_makes_its_renditions_before_anyone_views_it(
    home_page, django_capture_on_commit_callbacks
):
    image = ImageFactory()
    with django_capture_on_commit_callbacks(execute=True):
        make_page(home_page, model=HomePage, title="Peels", slug="peels", hero_image=image)

    made = set(image.renditions.values_list("filter_spec", flat=True))

    assert {"format-avif|fill-480x320", "format-webp|fill-960x640", "fill-1200x630"} <= made


def test_pages_preload_the_hero_and_give_every_image_its_size_and_modern_formats(
    client, home_page, clinic_settings
):
    blog = make_blog(home_page)
    for n in range(2):
        make_post(blog, title=f"Article {n}", hero_image=ImageFactory(), hero_image_alt="Skin")
    home_page.hero_image = ImageFactory(large=True)
    home_page.hero_image_alt = "The clinic's waiting room"
    home_page.save_revision().publish()

    html = client.get("/blog/").content.decode()
    home = client.get("/").content.decode()

    images = re.findall(r"<img [^>]*>", html)
    assert images and all('width="' in img and 'height="' in img for img in images)
    assert all('loading="lazy"' in img for img in images)  # cards are below the hero
    assert 'type="image/avif"' in html and 'type="image/webp"' in html
    preload = re.search(r'<link rel="preload" as="image" type="image/avif"[^>]*>', home)
    assert preload and "480w" in preload.group(0) and "960w" in preload.group(0)
    assert 'fetchpriority="high"' in re.search(r'<img [^>]*class="hero__image"[^>]*>', home).group(
        0
    )


def test_a_page_whose_main_image_file_is_lost_still_answers_without_its_preload(
    client, home_page, clinic_settings
):
    image = ImageFactory()
    blog = make_blog(home_page)
    make_page(
        home_page, model=HomePage, title="Peels", slug="peels", hero_image=image, hero_image_alt="A"
    )
    make_post(blog, title="Lost picture", slug="lost", hero_image=image, hero_image_alt="A")
    image.renditions.all().delete()  # none made yet, and the original gone from storage
    image.file.storage.delete(image.file.name)

    response = client.get("/peels/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1" in html and "Peels" in html
    assert '<link rel="preload" as="image"' not in html
    article = client.get("/blog/lost/")  # its JSON-LD names no image it cannot make
    assert article.status_code == 200 and "Lost picture" in article.content.decode()
