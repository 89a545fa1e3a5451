"""
The StreamField blocks every content page shares.

Apps build their page bodies from `BaseStreamBlock` and may add their own
blocks beside these (the treatments app adds an FAQ list and a treatment card).
Derived values such as a heading's anchor id or a call to action's URL live on
`StructValue` subclasses so templates and the API read them the same way.

A heading's anchor id is unique within its body: `heading_anchors()` works the
ids out from the whole stream, without changing it, and `BaseStreamBlock` hands
them to the headings it renders and to the API, so the page, the API, feeds and a
table of contents all agree whatever reads the body first.
"""

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from typing_extensions import TypedDict
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.coreutils import resolve_model_string
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageBlock

from . import booking
from .api.fields import ImageDict, PageLinkDict, image_representation, page_link
from .api.stream_types import stream_type
from .panels import is_installed

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4"]

# The block picker's previews (`wagtailcore/shared/block_preview.html`, in the
# site's styles). A block whose sample needs something from the clinic's library
# (an image, a page) takes the first one there, and shows this template's
# `preview_placeholder` sentence instead while the library has none.
PREVIEW_TEMPLATE = "clinic_site/blocks/block_preview.html"


class HeadingValue(blocks.StructValue):
    """A heading that knows its own anchor id, for links and tables of contents."""

    @property
    def anchor_id(self):
        return slugify(self.get("anchor") or self.get("text") or "") or "section"


class HeadingBlockValue(TypedDict):
    """A section heading; `anchor_id` is its id on the page and in the table of contents."""

    text: str
    level: str  # "h2" for a section, "h3" for a sub-section
    anchor_id: str


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(
        label=_("Heading"),
        max_length=160,
        help_text=_("A short title for the section that follows."),
    )
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Section (H2)")), ("h3", _("Sub-section (H3)"))],
        default="h2",
        help_text=_("Use 'Section' for main parts; 'Sub-section' only inside a section."),
    )
    anchor = blocks.CharBlock(
        label=_("Link name"),
        required=False,
        max_length=80,
        help_text=_(
            "Optional. The part after # in a link to this heading, e.g. 'side-effects'. "
            "Left empty, it is made from the heading."
        ),
    )

    def get_context(self, value, parent_context=None):
        """
        `anchor_id` is the id this heading has in its body (see `heading_anchors()`), or its
        own when it is rendered on its own, e.g. as a preview in the block picker.
        """
        context = super().get_context(value, parent_context)
        anchors = context.get("heading_anchors") or {}
        context["anchor_id"] = anchors.get(context.get("id")) or value.anchor_id
        return context

    def get_api_type(self):
        return HeadingBlockValue

    def get_api_representation(self, value, context=None):
        return {
            "text": value.get("text"),
            "level": value.get("level"),
            "anchor_id": value.anchor_id,
        }

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "clinic_site/blocks/heading_block.html"
        value_class = HeadingValue
        preview_value = {"text": _("How the treatment works"), "level": "h2"}
        description = _("A section heading; it also appears in the table of contents.")


class RichTextBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Text")
        template = "clinic_site/blocks/rich_text_block.html"
        preview_value = _("<p>Paragraphs of text with <b>bold</b>, <i>italic</i> and links.</p>")
        description = _("Paragraphs, lists and links.")


class ImageBlockValue(TypedDict):
    """An image with its renditions; `decorative` images have an empty `alt`."""

    image: ImageDict | None
    decorative: bool
    caption: str | None
    attribution: str | None


class ImageWithCaptionBlock(blocks.StructBlock):
    image = ImageBlock(
        label=_("Image"),
        help_text=_(
            "Describe the image for people who cannot see it in 'Alt text', or tick "
            "'decorative' if it adds nothing to the text."
        ),
    )
    caption = blocks.CharBlock(
        label=_("Caption"),
        required=False,
        max_length=250,
        help_text=_("Optional. Shown under the image."),
    )
    attribution = blocks.CharBlock(
        label=_("Credit"),
        required=False,
        max_length=120,
        help_text=_("Optional. Who made the image, e.g. 'Photo: Jane Smith'."),
    )

    def get_api_type(self):
        return ImageBlockValue

    def get_api_representation(self, value, context=None):
        image = value.get("image")
        return {
            "image": image_representation(image, getattr(image, "contextual_alt_text", "")),
            "decorative": bool(getattr(image, "decorative", False)),
            "caption": value.get("caption"),
            "attribution": value.get("attribution"),
        }

    def get_preview_value(self):
        """The library's latest image with a sample caption (the picker has no image of its own)."""
        image = get_image_model().objects.order_by("-created_at").first()
        return self.normalize(
            {
                "image": {"image": image, "alt_text": image.title, "decorative": False}
                if image
                else None,
                "caption": _("The treatment room, ready for your appointment."),
                "attribution": "",
            }
        )

    def get_preview_context(self, value, parent_context=None):
        context = super().get_preview_context(value, parent_context)
        if not value.get("image"):
            context["preview_placeholder"] = _(
                "An image from the library, with its caption underneath. Upload an image "
                "under Images to see it here."
            )
        return context

    class Meta:
        icon = "image"
        label = _("Image")
        template = "clinic_site/blocks/image_block.html"
        preview_template = PREVIEW_TEMPLATE
        description = _("An image with alt text and an optional caption.")


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(
        label=_("Quote"),
        help_text=_("The words quoted, without quotation marks."),
    )
    attribution = blocks.CharBlock(
        label=_("Who said it"),
        required=False,
        max_length=160,
        help_text=_("Optional, e.g. 'Dr Ana Silva, dermatologist'."),
    )

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "clinic_site/blocks/quote_block.html"
        preview_value = {
            "quote": _("Most patients go back to work the same afternoon."),
            "attribution": _("A clinic nurse"),
        }
        description = _("A quotation set apart from the text.")


class VideoEmbedBlock(blocks.StructBlock):
    embed = EmbedBlock(
        label=_("Web address"),
        help_text=_("A link to a video or post, e.g. on YouTube or Vimeo."),
    )
    title = blocks.CharBlock(
        label=_("Title"),
        max_length=160,
        help_text=_("Describes the video for screen reader users."),
    )
    caption = blocks.CharBlock(
        label=_("Caption"),
        required=False,
        max_length=250,
        help_text=_("Optional. Shown under the video."),
    )

    def get_preview_context(self, value, parent_context=None):
        # The picker never fetches a video from another site: a sentence stands in for it.
        context = super().get_preview_context(value, parent_context)
        context["preview_placeholder"] = _(
            "A video from YouTube, Vimeo or another site plays here."
        )
        return context

    class Meta:
        icon = "media"
        label = _("Video or embed")
        template = "clinic_site/blocks/embed_block.html"
        preview_template = PREVIEW_TEMPLATE
        preview_value = {
            "title": _("Meet the clinic: a two-minute tour"),
            "caption": _("Our nurse shows the treatment rooms and the waiting area."),
        }
        description = _("A video or other content from another website.")


class LinkValue(blocks.StructValue):
    """Gives templates and the API one `url`, whether it points to a page or elsewhere."""

    @property
    def url(self):
        page = self.get("page")
        if page:
            return page.url
        return self.get("external_url") or ""

    def url_from(self, current_page, request=None):
        """
        The address as shown on `current_page`: a button to the consultation
        page carries that page's treatment and the chosen consultation type.
        """
        page = self.get("page")
        if not booking.is_consultation_page(page):
            return self.url
        return booking.booking_url(
            page,
            treatment=booking.booking_treatment(current_page),
            consultation_type=self.get("consultation_type") or "",
            request=request,
        )


class CallToActionBlockValue(TypedDict):
    """A button leading to `url`: a page of the site (`page`) or another web address."""

    heading: str
    text: str | None
    button_label: str
    page: PageLinkDict | None
    url: str


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        label=_("Heading"),
        max_length=120,
        help_text=_("A short invitation, e.g. 'Schedule a free virtual consultation'."),
    )
    text = blocks.TextBlock(
        label=_("Text"),
        required=False,
        max_length=400,
        help_text=_("Optional. One or two sentences under the heading."),
    )
    button_label = blocks.CharBlock(
        label=_("Button label"),
        max_length=60,
        help_text=_("What the button says, e.g. 'Book a consultation'."),
    )
    page = blocks.PageChooserBlock(
        label=_("Page on this site"),
        required=False,
        help_text=_("Choose a page here, or fill in 'Other web address' instead."),
    )
    external_url = blocks.URLBlock(
        label=_("Other web address"),
        required=False,
        help_text=_("Only if the button leads to another website."),
    )
    consultation_type = blocks.ChoiceBlock(
        label=_("Consultation type to preselect"),
        choices=booking.CONSULTATION_TYPE_CHOICES,
        required=False,
        help_text=_(
            "Only for a button to the consultation page: when the heading offers a virtual "
            "or in-person consultation, choose it here and the form opens with it chosen. "
            "The page's treatment is chosen there too."
        ),
    )

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("external_url")):
            message = _("Choose a page or enter a web address, not both.")
            if not value.get("page"):
                message = _("Choose a page or enter a web address for the button.")
            raise StructBlockValidationError(
                block_errors={"page": ErrorList([ValidationError(message)])}
            )
        return value

    def get_api_type(self):
        return CallToActionBlockValue

    def get_api_representation(self, value, context=None):
        return {
            "heading": value.get("heading"),
            "text": value.get("text"),
            "button_label": value.get("button_label"),
            "page": page_link(value.get("page")),
            "url": value.url or "",  # a page outside every site has no URL
            "consultation_type": value.get("consultation_type") or None,
        }

    class Meta:
        icon = "link"
        label = _("Call to action")
        template = "clinic_site/blocks/call_to_action_block.html"
        value_class = LinkValue
        preview_value = {
            "heading": _("Schedule a free virtual consultation"),
            "text": _("Talk to one of our clinicians about whether a treatment suits you."),
            "button_label": _("Book a consultation"),
            "external_url": "https://example.com/",
        }
        description = _("A highlighted box with a button leading to a page.")


def headings_with_anchors(stream):
    """
    The headings of a StreamField value as `[(child, anchor id)]`, in order, each id
    unique within the stream: a heading's own id (from its link name or text, so it
    survives re-ordering), or for a repeat the same with -2, -3 ... The stream is
    not changed, so any reader gets the same ids in any order.
    """
    result = []
    seen = {}
    for child in stream or []:
        if not isinstance(child.block, HeadingBlock):
            continue
        base = child.value.anchor_id
        count = seen.get(base, 0) + 1
        seen[base] = count
        anchor = base if count == 1 else f"{base}-{count}"
        while count > 1 and anchor in seen:
            count += 1
            anchor = f"{base}-{count}"
        seen.setdefault(anchor, 1)
        result.append((child, anchor))
    return result


def heading_anchors(stream):
    """
    `{block id: anchor id}` for the headings of a StreamField value, as the rendered
    headings look them up. Blocks get their ids when the page is saved or edited; a
    heading without one (a stream built in code and never saved) keeps its own id.
    """
    return {child.id: anchor for child, anchor in headings_with_anchors(stream) if child.id}


class PageTypeChooserBlock(blocks.PageChooserBlock):
    """
    A page chooser limited to page types named by string ("treatments.TreatmentPage"),
    as `clinic_site.panels.PageTypeChooserPanel` is for fields: a type whose app is
    not installed is dropped (any page may then be chosen), so one app's block can
    point to another app's pages without importing it, and its migrations keep the
    names whether or not that app is installed.
    """

    @cached_property
    def target_models(self):
        names = [name for name in self.page_type if is_installed(name)]
        return [resolve_model_string(name) for name in names]

    def deconstruct(self):
        path, args, kwargs = blocks.Block.deconstruct(self)
        if self.page_type:
            kwargs["page_type"] = [
                name if isinstance(name, str) else name._meta.label for name in self.page_type
            ]
        return path, args, kwargs


class ChosenPagePreviewMixin:
    """
    For a block whose `page` child chooses a page: the block picker's preview shows
    the first published page of the type it takes (the picker has none of its own),
    and says what would appear (`preview_placeholder`) while there is none.
    """

    preview_placeholder = ""

    def get_preview_value(self):
        model = self.child_blocks["page"].target_model
        return self.normalize({"page": model.objects.live().order_by("title").first()})

    def get_preview_context(self, value, parent_context=None):
        context = super().get_preview_context(value, parent_context)
        page = value.get("page")
        if page is None or not page.live:
            context["preview_placeholder"] = self.preview_placeholder
        return context


class BaseStreamBlock(blocks.StreamBlock):
    """The body every content page shares; apps subclass it to add their own blocks."""

    heading = HeadingBlock()
    paragraph = RichTextBlock()
    image = ImageWithCaptionBlock()
    quote = QuoteBlock()
    embed = VideoEmbedBlock()
    call_to_action = CallToActionBlock()

    def render(self, value, context=None):
        """Renders the body with each heading's unique anchor id (see `heading_anchors()`)."""
        context = {**(context or {}), "heading_anchors": heading_anchors(value)}
        return super().render(value, context=context)

    def get_api_type(self):
        """The usual list of `{type, value, id}`: headings only gain their page's anchor ids."""
        return stream_type(self)

    def get_api_representation(self, value, context=None):
        """Each heading's `anchor_id` is the one its rendered heading has on the page."""
        items = super().get_api_representation(value, context=context)
        anchors = heading_anchors(value)
        for item in items:
            if item["id"] in anchors:
                item["value"] = {**item["value"], "anchor_id": anchors[item["id"]]}
        return items
