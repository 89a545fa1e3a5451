"""The shared StreamField blocks: anchors, calls to action, alt text, previews."""

import re

from django.core.exceptions import ValidationError

import pytest

from clinic_site.blocks import BaseStreamBlock, CallToActionBlock, HeadingBlock, heading_anchors
from clinic_site.models import HomePage
from tests.clinic_site.factories import ImageFactory, make_page

pytestmark = pytest.mark.django_db


def test_heading_gets_an_anchor_from_its_text():
    block = HeadingBlock()
    value = block.to_python({"text": "Side effects & risks", "level": "h2", "anchor": ""})

    html = block.render(value)

    assert (
        html.strip()
        == '<h2 id="side-effects-risks" class="block-heading">Side effects &amp; risks</h2>'
    )


def test_heading_uses_the_editors_link_name_when_given():
    block = HeadingBlock()
    value = block.to_python({"text": "What to expect", "level": "h3", "anchor": "On the day"})

    assert block.render(value).strip().startswith('<h3 id="on-the-day"')


def heading(text, block_id):
    value = {"text": text, "level": "h2", "anchor": ""}
    return {"type": "heading", "value": value, "id": block_id}


def test_repeated_headings_in_a_body_get_unique_ids_in_the_html_and_the_api():
    stream = BaseStreamBlock()
    value = stream.to_python(
        [heading("Risks", "a"), heading("Aftercare", "b"), heading("Risks", "c")]
    )

    html = str(stream.render(value))
    api = stream.get_api_representation(value)

    assert re.findall(r'<h2 id="([^"]+)"', html) == ["risks", "aftercare", "risks-2"]
    assert [item["value"]["anchor_id"] for item in api] == ["risks", "aftercare", "risks-2"]


def test_working_out_heading_ids_leaves_the_body_as_it_was():
    stream = BaseStreamBlock()
    value = stream.to_python([heading("Risks", "a"), heading("Risks", "b")])

    first = heading_anchors(value)

    assert first == heading_anchors(value) == {"a": "risks", "b": "risks-2"}
    assert [child.value.anchor_id for child in value] == ["risks", "risks"]


def test_call_to_action_links_to_the_chosen_page(home_page):
    target = make_page(home_page, title="Book", slug="book")
    block = CallToActionBlock()
    value = block.to_python(
        {"heading": "Ready?", "text": "", "button_label": "Book now", "page": target.id}
    )

    html = block.render(value)

    assert '<a class="button" href="/book/">Book now</a>' in html


@pytest.mark.parametrize(
    ("page", "url"),
    [(False, ""), (True, "https://example.com/")],
    ids=["neither", "both"],
)
def test_call_to_action_needs_exactly_one_destination(home_page, page, url):
    block = CallToActionBlock()
    value = block.to_python(
        {
            "heading": "Ready?",
            "button_label": "Go",
            "page": home_page.id if page else None,
            "external_url": url,
        }
    )

    with pytest.raises(ValidationError):
        block.clean(value)


def test_image_block_requires_alt_text_unless_decorative():
    stream = BaseStreamBlock()
    image = ImageFactory()
    value = stream.to_python(
        [
            {
                "type": "image",
                "value": {
                    "image": {"image": image.id, "alt_text": "", "decorative": False},
                    "caption": "",
                    "attribution": "",
                },
            }
        ]
    )

    with pytest.raises(ValidationError):
        stream.clean(value)


def test_image_block_renders_alt_text_and_caption():
    stream = BaseStreamBlock()
    image = ImageFactory()
    value = stream.to_python(
        [
            {
                "type": "image",
                "value": {
                    "image": {
                        "image": image.id,
                        "alt_text": "Syringe on a tray",
                        "decorative": False,
                    },
                    "caption": "Fine needles are used.",
                    "attribution": "",
                },
            }
        ]
    )

    html = stream.render(value)

    assert 'alt="Syringe on a tray"' in html
    assert "<figcaption>Fine needles are used." in html


def test_block_picker_previews_show_each_shared_blocks_sample(admin_client):
    stream = HomePage._meta.get_field("body").stream_block
    previewable = [block for block in stream.child_blocks.values() if block.is_previewable]
    assert {block.name for block in previewable} >= {"heading", "paragraph", "quote"}

    for block in previewable:
        response = admin_client.get("/admin/block-preview/", {"id": block.definition_prefix})

        assert response.status_code == 200, block.name
        sample = str(block.render(block.get_preview_value())).strip()
        assert sample and sample in response.content.decode(), block.name
