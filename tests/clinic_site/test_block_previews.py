"""
The block picker shows a preview for every block an editor can add: every
StreamField of every model (pages, snippets, settings) of every installed app,
walked recursively, so a block added later without a preview fails here.
"""

import re

from django.apps import apps
from django.utils.html import strip_tags

import pytest
from wagtail import blocks
from wagtail.fields import StreamField

from tests.clinic_site.factories import ImageFactory, make_home_page
from tests.treatments.factories import QuestionFactory, make_index, make_treatment

pytestmark = pytest.mark.django_db


def pickable_blocks():
    """(where, block) for each block offered in a block picker: a StreamBlock's children."""
    found = {}

    def walk(block, where):
        if isinstance(block, blocks.StreamBlock):
            for name, child in block.child_blocks.items():
                found.setdefault(child.definition_prefix, (f"{where}.{name}", child))
                walk(child, f"{where}.{name}")
        elif isinstance(block, blocks.StructBlock):
            for name, child in block.child_blocks.items():
                walk(child, f"{where}.{name}")
        elif isinstance(block, blocks.ListBlock):
            walk(block.child_block, where)

    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, StreamField) and field.model is model:
                walk(field.stream_block, f"{model._meta.label}.{field.name}")
    return sorted(found.values(), key=lambda item: item[0])


BLOCKS = pickable_blocks()


@pytest.fixture
def clinic_content(db):
    """What any clinic's admin holds once set up: a home page, an image, a treatment, a question."""
    home = make_home_page()
    ImageFactory(title="Treatment room")
    make_treatment(make_index(home), title="Botox for migraines")
    QuestionFactory(question="Does it hurt?", answer="<p>A little, for a moment.</p>")
    return home


def visible_text(html):
    body = re.search(r"<main[^>]*>(.*)</main>", html, flags=re.S)
    return strip_tags(body.group(1) if body else html).strip()


def test_every_editor_facing_stream_is_found():
    names = {where.rsplit(".", 1)[-1] for where, _block in BLOCKS}

    assert {"heading", "paragraph", "image", "call_to_action", "faq_list", "side_effect"} <= names
    assert len(BLOCKS) >= 15


@pytest.mark.parametrize(("where", "block"), BLOCKS, ids=[where for where, _block in BLOCKS])
def test_each_pickable_block_has_a_preview_and_a_description(
    clinic_content, admin_client, where, block
):
    assert block.is_previewable, f"{where} shows no preview in the block picker"
    assert str(block.get_description()).strip(), f"{where} has no description"

    value = block.get_preview_value()
    html = str(block.render(value, context={"request": None}))
    assert strip_tags(html).strip() or "<img" in html, f"{where}'s preview renders nothing"

    response = admin_client.get("/admin/block-preview/", {"id": block.definition_prefix})
    assert response.status_code == 200
    assert visible_text(response.content.decode()), f"{where}'s preview page is empty"


def test_previews_render_even_before_the_clinic_has_images_or_pages(admin_client, db):
    # A new site: no image, no treatment, no shared question yet.
    failures = []
    for where, block in BLOCKS:
        response = admin_client.get("/admin/block-preview/", {"id": block.definition_prefix})
        if response.status_code != 200:
            failures.append((where, response.status_code))
    assert failures == []
