"""
StreamField types worked out from block definitions, for blocks a host project
adds: what a front end's schema says about their values. No database needed.
"""

import pytest
from pydantic import TypeAdapter
from wagtail import blocks

from clinic_site.api.stream_types import api_type

pytestmark = pytest.mark.single_pass


class OpeningTimesBlock(blocks.StructBlock):
    label = blocks.CharBlock()
    note = blocks.CharBlock(required=False)
    days = blocks.ListBlock(blocks.CharBlock())
    seats = blocks.IntegerBlock()
    open = blocks.BooleanBlock(required=False)
    page = blocks.PageChooserBlock(required=True)
    treatment = blocks.PageChooserBlock(page_type="treatments.TreatmentPage", required=False)
    price = blocks.DecimalBlock()
    details = blocks.RichTextBlock()


class ShoutBlock(blocks.CharBlock):
    """Changes its representation without saying how: its value must stay untyped."""

    def get_api_representation(self, value, context=None):
        return {"loud": str(value).upper()}


class SelfDescribedBlock(blocks.CharBlock):
    def get_api_type(self):
        return list[int]

    def get_api_representation(self, value, context=None):
        return [len(value)]


def schema_of(block):
    return TypeAdapter(api_type(block)).json_schema()


def test_a_struct_block_is_an_object_of_its_children():
    schema = schema_of(blocks.StreamBlock([("times", OpeningTimesBlock())]))

    value = schema["$defs"]["OpeningTimesBlockValue"]
    assert list(value["properties"]) == value["required"]
    assert value["required"][:5] == ["label", "note", "days", "seats", "open"]
    props = value["properties"]
    assert props["label"]["type"] == "string"
    assert props["note"]["anyOf"] == [{"type": "string"}, {"type": "null"}]
    assert props["days"] == {"items": {"type": "string"}, "title": "Days", "type": "array"}
    assert props["seats"]["type"] == "integer"
    # A chosen page may since have been deleted, so its id may be null even when required.
    assert props["page"]["anyOf"] == [{"type": "integer"}, {"type": "null"}]
    # A specific page type's id is still the page's number (through its parent link).
    assert props["treatment"]["anyOf"] == [{"type": "integer"}, {"type": "null"}]
    assert {"type": "string"} in props["price"]["anyOf"]
    assert props["details"]["type"] == "string"


def test_stream_items_are_told_apart_by_their_type():
    stream = blocks.StreamBlock([("times", OpeningTimesBlock()), ("title", blocks.CharBlock())])
    schema = schema_of(stream)

    assert schema["items"]["discriminator"]["propertyName"] == "type"
    assert set(schema["items"]["discriminator"]["mapping"]) == {"times", "title"}
    title = schema["$defs"]["TitleBlock"]
    assert title["properties"]["type"]["const"] == "title"
    # Values are checked against the types, as the API checks its answers.
    adapter = TypeAdapter(api_type(stream))
    item = {"type": "title", "value": "Opening hours", "id": "a1"}
    assert adapter.validate_python([item]) == [item]


def test_a_block_that_changes_its_representation_is_typed_only_by_its_own_description():
    shout = schema_of(blocks.StreamBlock([("shout", ShoutBlock())]))
    assert shout["$defs"]["ShoutBlock"]["properties"]["value"] == {"title": "Value"}

    described = schema_of(blocks.StreamBlock([("sizes", SelfDescribedBlock())]))
    assert described["$defs"]["SizesBlock"]["properties"]["value"]["items"] == {"type": "integer"}


def test_same_named_blocks_of_different_shapes_get_distinct_schema_names():
    class NoteBlock(blocks.StructBlock):
        text = blocks.CharBlock()

    first = api_type(blocks.StreamBlock([("note", NoteBlock())]))

    class NoteBlock(blocks.StructBlock):  # noqa: F811 - the same name, another shape
        text = blocks.CharBlock()
        author = blocks.CharBlock()

    second = api_type(blocks.StreamBlock([("note", NoteBlock())]))
    names = {
        *TypeAdapter(first).json_schema()["$defs"],
        *TypeAdapter(second).json_schema()["$defs"],
    }
    assert {"NoteBlockValue", "NoteBlockValue2"} <= names
