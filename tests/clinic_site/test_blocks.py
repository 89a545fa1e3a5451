"""The shared StreamField blocks: anchors, calls to action, alt text."""

from django.core.exceptions import ValidationError

import pytest

from clinic_site.blocks import BaseStreamBlock, CallToActionBlock, HeadingBlock
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


def test_every_shared_block_has_an_icon_template_and_label():
    for name, block in BaseStreamBlock().child_blocks.items():
        assert block.meta.icon, name
        assert block.meta.template, name
        assert block.meta.label, name
