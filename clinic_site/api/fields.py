"""
What the shared core gives the content APIs.

Serializer fields here are used in `api_fields` by every app. Wagtail's v2 API
calls them directly, and its v3 API (django-ninja, OpenAPI) types its schema
from their `to_representation()` return annotations, so one definition serves
both and the OpenAPI schema describes images, page links and authors exactly.
"""

import datetime
from typing import NotRequired, Required

from pydantic import ConfigDict, with_config
from rest_framework.fields import Field
from typing_extensions import TypedDict
from wagtail.images.models import SourceImageIOError

# The sizes the templates use, so a front end can show the same images.
IMAGE_RENDITIONS = {
    "card": "fill-480x320|format-webp",
    "medium": "fill-960x640|format-webp",
    "large": "width-1600|format-webp",
    "social": "fill-1200x630|format-jpeg",
}


class RenditionDict(TypedDict):
    url: str
    full_url: str
    width: int
    height: int


class ImageDict(TypedDict):
    id: int
    alt: str
    width: int
    height: int
    renditions: dict[str, RenditionDict]


class PageLinkDict(TypedDict):
    id: int
    title: str
    url: str
    type: str


class AuthorDict(TypedDict):
    id: int
    name: str
    credentials: str
    job_title: str
    bio: str
    profile_url: str
    specialty: str
    photo: ImageDict | None


# A schema.org object as the page's JSON-LD script holds it: `@type` is one type or
# several (`["MedicalTherapy", "Service"]`), the other keys are that type's properties.
JsonLdObject = with_config(ConfigDict(extra="allow"))(
    TypedDict(
        "JsonLdObject",
        {"@context": NotRequired[str], "@type": Required[str | list[str]]},
        total=False,
    )
)


def image_representation(image, alt):
    """An image with its alt text and a WebP rendition in each size the templates use."""
    if image is None:
        return None
    renditions = {}
    try:
        found = image.get_renditions(*IMAGE_RENDITIONS.values())
    except SourceImageIOError:
        found = {}
    for name, spec in IMAGE_RENDITIONS.items():
        rendition = found.get(spec)
        if rendition is not None:
            renditions[name] = RenditionDict(
                url=rendition.url,
                full_url=rendition.full_url,
                width=rendition.width,
                height=rendition.height,
            )
    return ImageDict(
        id=image.pk, alt=alt or "", width=image.width, height=image.height, renditions=renditions
    )


def page_link(page):
    """A page as a link: enough for a front end to show and route to it."""
    if page is None:
        return None
    return PageLinkDict(
        id=page.pk,
        title=page.title,
        url=page.get_url() or "",
        type=page.specific_class._meta.label if page.specific_class else "wagtailcore.Page",
    )


def author_representation(author):
    if author is None:
        return None
    return AuthorDict(
        id=author.pk,
        name=author.name,
        credentials=author.credentials,
        job_title=author.job_title,
        bio=author.bio,
        profile_url=author.profile_link or "",
        specialty=author.specialty.name if author.specialty else "",
        photo=image_representation(author.photo, author.photo.description if author.photo else ""),
    )


class ReadOnlyField(Field):
    """A field the API only reads: every serializer field here and in the apps is one."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)


class StringValueField(ReadOnlyField):
    """A property's value as a string (typed `str` in the OpenAPI schema)."""

    def to_representation(self, value) -> str:
        return str(value)


class HeroImageField(ReadOnlyField):
    """The page's main image with the page's own alt text (`source="*"`: reads the page)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("source", "*")
        super().__init__(**kwargs)

    def to_representation(self, page) -> ImageDict | None:
        return image_representation(page.hero_image, page.hero_alt_text)


class ImageField(Field):
    """An image (for example a social image) with its library description as alt text."""

    def to_representation(self, image) -> ImageDict | None:
        return image_representation(image, image.description if image else "")


class PageLinkField(Field):
    """A chosen page as `{id, title, url, type}` instead of a bare id."""

    def to_representation(self, page) -> PageLinkDict | None:
        return page_link(page)


class PageLinkListField(ReadOnlyField):
    """
    Pages as a list of links, read from a method that fetches them in one query
    (`source="..."`), so the API's query count does not grow with the list.
    """

    def to_representation(self, pages) -> list[PageLinkDict]:
        return [page_link(page) for page in pages]


class AuthorField(Field):
    """An `Author` snippet with its credentials and photo (read from `source` if given)."""

    def to_representation(self, author) -> AuthorDict | None:
        return author_representation(author)


# Locations -------------------------------------------------------------------


class AddressDict(TypedDict):
    street_address: str
    locality: str
    region: str
    postal_code: str
    country: str
    lines: list[str]


class GeoDict(TypedDict):
    latitude: float
    longitude: float


class OpeningHoursDict(TypedDict):
    weekday: int
    day: str
    opens: str
    closes: str


class HoursExceptionDict(TypedDict):
    starts: str
    ends: str
    reason: str
    closed: bool
    opens: str | None
    closes: str | None


def _time(value):
    return value.strftime("%H:%M") if value else None


class AddressField(ReadOnlyField):
    """A location's structured address, with the lines the page shows (reads the page)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("source", "*")
        super().__init__(**kwargs)

    def to_representation(self, page) -> AddressDict:
        return AddressDict(
            street_address=page.street_address,
            locality=page.address_locality,
            region=page.address_region,
            postal_code=page.postal_code,
            country=page.address_country,
            lines=page.address_lines,
        )


class GeoField(ReadOnlyField):
    """A location's coordinates, or null when the editor has not set them."""

    def __init__(self, **kwargs):
        kwargs.setdefault("source", "*")
        super().__init__(**kwargs)

    def to_representation(self, page) -> GeoDict | None:
        if not page.has_geo:
            return None
        return GeoDict(latitude=float(page.latitude), longitude=float(page.longitude))


class OpeningHoursListField(ReadOnlyField):
    """The weekly opening hours, a row per opening period, Monday first."""

    def to_representation(self, rows) -> list[OpeningHoursDict]:
        rows = sorted(rows.all(), key=lambda row: (row.weekday, row.opens))
        return [
            OpeningHoursDict(
                weekday=row.weekday,
                day=str(row.get_weekday_display()),
                opens=_time(row.opens),
                closes=_time(row.closes),
            )
            for row in rows
        ]


class OpeningHoursExceptionListField(ReadOnlyField):
    """Holidays and changes of hours that have not ended yet."""

    def to_representation(self, exceptions) -> list[HoursExceptionDict]:
        return [
            HoursExceptionDict(
                starts=exception.starts.isoformat(),
                ends=exception.last_day.isoformat(),
                reason=exception.reason,
                closed=exception.closed,
                opens=_time(exception.opens),
                closes=_time(exception.closes),
            )
            for exception in exceptions
        ]


class JsonLdField(ReadOnlyField):
    """The page's schema.org objects, as the template writes them (`source="..."`)."""

    def to_representation(self, objects) -> list[JsonLdObject]:
        return list(objects)


class DateValueField(ReadOnlyField):
    """A date read from a property (`source="..."`), typed as a date in the schema."""

    def to_representation(self, value) -> datetime.date:
        return value


# Patient reviews -------------------------------------------------------------


class TestimonialDict(TypedDict):
    id: int
    quote: str
    shown_name: str
    date: str
    source: str
    source_label: str
    treatment: PageLinkDict | None


def testimonial_representation(item):
    """A review as pages show it: the patient's authorization itself is never included."""
    return TestimonialDict(
        id=item.pk,
        quote=item.quote,
        shown_name=item.shown_name,
        date=item.given_on.isoformat(),
        source=item.source,
        source_label=str(item.get_source_display()),
        treatment=page_link(item.treatment_link),
    )


class TestimonialListField(ReadOnlyField):
    """The reviews a page shows (read from a method, `source="..."`), authorized ones only."""

    def to_representation(self, items) -> list[TestimonialDict]:
        return [testimonial_representation(item) for item in items]


# Clinicians ------------------------------------------------------------------


class SpecialtyDict(TypedDict):
    name: str
    slug: str
    description: str


class RegistrationDict(TypedDict):
    regulator: str
    regulator_name: str
    number: str
    register_url: str
    register_url_is_search: bool


class TermListField(ReadOnlyField):
    """Terms (a clinician's specialties) with their names and descriptions."""

    def to_representation(self, terms) -> list[SpecialtyDict]:
        return [
            SpecialtyDict(name=term.name, slug=term.slug, description=term.description)
            for term in terms
        ]


class StringListField(ReadOnlyField):
    """A list of strings read from a property (`source="..."`)."""

    def to_representation(self, values) -> list[str]:
        return [str(value) for value in values]


class RegistrationField(ReadOnlyField):
    """
    A clinician's professional registration and the address where patients can
    check it (reads the page); null when no regulator is given.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("source", "*")
        super().__init__(**kwargs)

    def to_representation(self, page) -> RegistrationDict | None:
        if not page.regulator:
            return None
        return RegistrationDict(
            regulator=page.regulator_abbreviation,
            regulator_name=str(page.regulator_display),
            number=page.registration_number,
            register_url=page.register_link,
            register_url_is_search=page.register_link_is_search,
        )
