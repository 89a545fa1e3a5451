"""
The types of StreamField values in the v3 API, worked out from the blocks.

Wagtail's v3 API types every StreamField as a list of anything, so its OpenAPI
document tells a front end nothing about a body and a generated client hands
back plain dicts. Here a StreamBlock becomes a list of a union of its blocks'
items (`{type, value, id}`), discriminated by `type`, each `value` typed from
the block's definition:

- a block that describes its own value does so with `get_api_type()`, which
  returns the type of what its `get_api_representation()` returns (a
  `TypedDict`, `str`...). Every block that changes `get_api_representation()`
  needs one: without it its value is left untyped rather than described wrongly;
- otherwise Wagtail's own representations are followed: a StructBlock is an
  object of its children, a ListBlock a list of its child, rich text an HTML
  string, a chooser the chosen object's id (null when nothing is chosen) and a
  plain field its value.

The types are real annotations: pydantic validates every answer against them
and builds the OpenAPI schema from them, so the document and the answers cannot
drift apart. `register()` puts them in place of Wagtail's for every StreamField
in `api_fields`, whichever app defines it.
"""

import datetime
import decimal
import re
from typing import Annotated, Any, Literal, Union

from django.db import models

from pydantic import Field
from typing_extensions import TypedDict
from wagtail import blocks
from wagtail.images.blocks import ImageBlock

__all__ = ["api_type", "register", "stream_type"]

RichTextValue = Annotated[
    str,
    Field(
        description="Rich text, as HTML unless the request's `rich_text_format` asks for "
        "another format (the default is `WAGTAILAPI_RICH_TEXT_FORMAT`)."
    ),
]

# Plain blocks whose API value is their stored value, most specific first.
FIELD_TYPES = [
    (blocks.RichTextBlock, RichTextValue),
    (blocks.ChooserBlock, int),  # the chosen object's id (see `_chosen_id_type()`)
    (blocks.BooleanBlock, bool),
    (blocks.IntegerBlock, int),
    (blocks.FloatBlock, float),
    (blocks.DecimalBlock, decimal.Decimal),  # written as a string, so no digit is lost
    (blocks.DateTimeBlock, datetime.datetime),
    (blocks.DateBlock, datetime.date),
    (blocks.TimeBlock, datetime.time),
    (blocks.MultipleChoiceBlock, list[str]),
    (blocks.FieldBlock, str),  # text, e-mail, URL, choice, embed, raw HTML...
]

# Types already made, by the structure they describe, so that a block used by
# several pages (every page's body has the same heading) gives one schema.
_types = {}
# Item and struct schemas made, by name and fields.
_dicts = {}
# Schema names taken, by the structure they describe: two different blocks
# with the same name get distinct names (`QuoteBlockValue2`) in the document.
_names = {}


def api_type(block):
    """The type of `block.get_api_representation()`, or `Any` when it is unknown."""
    key = _signature(block)
    if key not in _types:
        _types[key] = _describe(block)
    return _types[key]


def stream_type(block):
    """
    A StreamBlock's value: a list of its blocks' items, a union told apart by
    `type`. For use by a StreamBlock's own `get_api_type()`, when it changes
    its representation without changing its shape.
    """
    members = tuple(_item_type(name, child) for name, child in block.child_blocks.items())
    if not members:
        return list[Any]
    if len(members) == 1:
        # A union of one is no union to Python: the document still shows one,
        # so every StreamField reads the same way in a client.
        return list[Annotated[members[0], _SingleMemberUnion(next(iter(block.child_blocks)))]]
    return list[Annotated[Union[members], Field(discriminator="type")]]  # noqa: UP007


def _describe(block):
    own = getattr(block, "get_api_type", None)
    if own is not None:
        return own()
    implementation = type(block).get_api_representation
    if isinstance(block, blocks.StreamBlock):
        return _unless_changed(implementation, blocks.StreamBlock, lambda: stream_type(block))
    if isinstance(block, ImageBlock):
        return _unless_changed(implementation, ImageBlock, lambda: _struct_type(block))
    if isinstance(block, blocks.StructBlock):
        return _unless_changed(implementation, blocks.StructBlock, lambda: _struct_type(block))
    if isinstance(block, blocks.ListBlock):
        return _unless_changed(
            implementation, blocks.ListBlock, lambda: list[api_type(block.child_block)]
        )
    for cls, value_type in FIELD_TYPES:
        if isinstance(block, cls):
            original = (
                blocks.RichTextBlock if cls is blocks.RichTextBlock else blocks.Block
            ).get_api_representation
            if implementation is not original:
                return Any
            if cls is blocks.ChooserBlock:
                value_type = _chosen_id_type(block)
            # A chooser's object may have been deleted; an optional field may be empty.
            may_be_empty = cls is blocks.ChooserBlock or not _required(block)
            return value_type | None if may_be_empty else value_type
    return Any


def _chosen_id_type(block):
    """`int` for a model with a numeric primary key (through a page's parent link), else `str`."""
    field = block.model_class._meta.pk
    while field.remote_field is not None:
        field = field.target_field
    return int if isinstance(field, models.IntegerField) else str


def _unless_changed(implementation, cls, describe):
    """Wagtail's shape for `cls`, unless the block changed its representation."""
    return describe() if implementation is cls.get_api_representation else Any


def _struct_type(block):
    fields = {name: api_type(child) for name, child in block.child_blocks.items()}
    return _typed_dict(f"{type(block).__name__}Value", fields, _description(block))


def _item_type(name, child):
    """One item of a stream: `{type, value, id}`, with `type` fixed to the block's name."""
    fields = {"type": Literal[name], "value": api_type(child), "id": str}
    camel = "".join(part.capitalize() for part in re.split(r"[^0-9a-zA-Z]+", name) if part)
    return _typed_dict(f"{camel}Block", fields, _description(child))


def _typed_dict(name, fields, description):
    key = (name, tuple(fields.items()))
    if key in _dicts:
        return _dicts[key]
    unique, number = name, 1
    while unique in _names and _names[unique] != key:
        number += 1
        unique = f"{name}{number}"
    _names[unique] = key
    typed = TypedDict(unique, fields)
    typed.__doc__ = description
    _dicts[key] = typed
    return typed


def _description(block):
    return str(getattr(block.meta, "description", "") or block.label or block.name or "")


def _signature(block):
    """What a block's API type depends on: its class, whether it is required, its children."""
    children = getattr(block, "child_blocks", None)
    if children is not None:
        inner = tuple((name, _signature(child)) for name, child in children.items())
    elif isinstance(block, blocks.ListBlock):
        inner = _signature(block.child_block)
    else:
        inner = ()
    return (type(block), _required(block), inner)


def _required(block):
    # A chooser's `required` builds its form field, which needs its model
    # registered (a snippet's is only once every app is ready): choosers are
    # typed as possibly empty whatever it says.
    if isinstance(block, blocks.ChooserBlock):
        return False
    return bool(getattr(block, "required", False))


class _SingleMemberUnion:
    """Shows a stream's only kind of item as a union of one, discriminated by `type`."""

    def __init__(self, tag):
        self.tag = tag

    def __get_pydantic_json_schema__(self, core_schema, handler):
        item = handler(core_schema)
        return {
            "oneOf": [item],
            "discriminator": {"propertyName": "type", "mapping": {self.tag: item["$ref"]}},
        }

    def __hash__(self):
        return hash(self.tag)

    def __eq__(self, other):
        return isinstance(other, _SingleMemberUnion) and other.tag == self.tag


def streamfield_schema(generator, field):
    """Wagtail's read schema for a StreamField, typed from its StreamBlock."""
    field_name = field.name

    def resolve(obj, context):
        value = getattr(obj, field_name)
        return value.stream_block.get_api_representation(value, context)

    return api_type(field.stream_block), [], staticmethod(resolve)


def register():
    """
    Type the StreamFields of every page's read schema. Wagtail builds those
    schemas once, when its v3 API registry is first imported, so this must run
    before that (`clinic_site.api.v3.wagtail_api()` sees to it).
    """
    from wagtail.api.v3.schemas.generators.read import read_generator
    from wagtail.fields import StreamField

    read_generator.register_field_schema(StreamField, streamfield_schema)
