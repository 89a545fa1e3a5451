"""
Typed serializer fields for the blog's `api_fields`.

Wagtail's v2 API calls them directly; its v3 API types the OpenAPI schema from
their `to_representation()` return annotations, so a front end gets typed
authors, topics, table of contents and comments. Each reads a model method or
cached property that fetches its items in one query.
"""

import datetime

from typing_extensions import TypedDict

from clinic_site.api.fields import AuthorDict, ReadOnlyField, author_representation


class TopicDict(TypedDict):
    name: str
    slug: str
    description: str
    url: str


class TocEntryDict(TypedDict):
    id: str
    text: str
    level: str


class CommentDict(TypedDict):
    name: str
    body: str
    created_at: datetime.datetime


class FeedUrlsDict(TypedDict):
    rss: str
    atom: str


class AuthorListField(ReadOnlyField):
    """The byline's authors, in order, with credentials and photo renditions."""

    def to_representation(self, authors) -> list[AuthorDict]:
        return [author_representation(author) for author in authors]


class TopicListField(ReadOnlyField):
    """Categories or tags, each with the address of its list of articles."""

    def to_representation(self, topics) -> list[TopicDict]:
        return [
            TopicDict(
                name=topic.name,
                slug=topic.slug,
                description=getattr(topic, "description", ""),
                url=getattr(topic, "list_url", ""),
            )
            for topic in topics
        ]


class TableOfContentsField(ReadOnlyField):
    """The body's headings; `id` is the anchor the heading block renders."""

    def to_representation(self, entries) -> list[TocEntryDict]:
        return [TocEntryDict(id=e["id"], text=e["text"], level=e["level"]) for e in entries]


class CommentListField(ReadOnlyField):
    """Approved comments only: the name readers gave and what they wrote, never an e-mail."""

    def to_representation(self, comments) -> list[CommentDict]:
        return [CommentDict(name=c.name, body=c.body, created_at=c.created_at) for c in comments]


class IntegerValueField(ReadOnlyField):
    def to_representation(self, value) -> int:
        return int(value)


class FeedUrlsField(ReadOnlyField):
    def to_representation(self, urls) -> FeedUrlsDict:
        return FeedUrlsDict(rss=urls["rss"], atom=urls["atom"])


class BooleanValueField(ReadOnlyField):
    def to_representation(self, value) -> bool:
        return bool(value)
