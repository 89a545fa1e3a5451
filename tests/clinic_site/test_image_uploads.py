"""Image uploads in the admin: images too large to resize safely are refused, clearly."""

import io

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile

import pytest
from PIL import Image as PILImage
from wagtail.images.models import Image

pytestmark = [
    pytest.mark.django_db,
    # Pillow warns about any image this large; refusing it is what is under test.
    pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning"),
]

ADD = "/admin/images/add/"
ADD_MULTIPLE = "/admin/images/multiple/add/"


def png(width, height):
    """A real PNG of that size; one-bit pixels keep it quick to make and small to send."""
    buffer = io.BytesIO()
    PILImage.new("1", (width, height)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture(scope="module")
def huge_png():
    """The 11000 × 11000 image that took a worker past 1 GB per rendition."""
    return png(11_000, 11_000)


@pytest.fixture
def editor_client(client):
    user = get_user_model().objects.create_user(username="editor", password="pw")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return client


def upload(name, content):
    return SimpleUploadedFile(name, content, content_type="image/png")


def test_an_image_over_the_pixel_budget_is_refused_with_a_clear_message(editor_client, huge_png):
    assert 11_000 * 11_000 > settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS

    response = editor_client.post(
        ADD, {"title": "Clinic floor plan", "file": upload("plan.png", huge_png)}
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "This image is too large for the site to resize: it has 121 megapixels" in html
    limit = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS // 1_000_000
    assert f"the limit is {limit}." in html
    assert "Save a smaller copy" in html
    assert not Image.objects.filter(title="Clinic floor plan").exists()


def test_the_multiple_upload_refuses_it_with_the_same_message(editor_client, huge_png):
    response = editor_client.post(
        ADD_MULTIPLE,
        {"files[]": upload("plan.png", huge_png)},
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )

    data = response.json()
    assert data["success"] is False
    assert "it has 121 megapixels" in data["error_message"]
    assert not Image.objects.filter(title="plan.png").exists()


def test_an_image_too_large_to_even_measure_gets_the_message_too(editor_client):
    """Past twice its own limit Pillow will not report the size; the editor still learns why."""
    response = editor_client.post(
        ADD, {"title": "Scan", "file": upload("scan.png", png(15_000, 13_000))}
    )

    html = response.content.decode()
    assert "This image is too large for the site to resize: the limit is" in html
    assert not Image.objects.filter(title="Scan").exists()


def test_an_image_at_the_budget_uploads(editor_client):
    width = 8_000
    height = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS // width

    response = editor_client.post(
        ADD, {"title": "Waiting room", "file": upload("room.png", png(width, height))}
    )

    assert response.status_code == 302
    stored = Image.objects.get(title="Waiting room")
    assert (stored.width, stored.height) == (width, height)


def test_the_upload_page_states_the_limit_before_uploading(editor_client):
    limit = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS // 1_000_000

    for url in (ADD, ADD_MULTIPLE):
        html = editor_client.get(url).content.decode()
        assert f"Largest image: {limit} megapixels." in html, url
