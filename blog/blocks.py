"""
The blog's own blocks, added to the shared body blocks an article is built from.

"About this treatment" points to a treatment page by its model's name only
(`"treatments.TreatmentPage"`), so the blog imports nothing from the treatments
app and still works in a project without it. What the box shows it reads from
the chosen page through what any page may offer (see `treatment_summary()`).
"""

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from typing_extensions import TypedDict
from wagtail import blocks

from clinic_site import content_cache, visibility
from clinic_site.blocks import (
    PREVIEW_TEMPLATE,
    BaseStreamBlock,
    ChosenPagePreviewMixin,
    PageTypeChooserBlock,
)

TREATMENT_PAGE_TYPE = "treatments.TreatmentPage"
# How many of the treatment's key facts the box has room for.
KEY_FACTS_SHOWN = 3


def treatment_summary(page):
    """
    What an "About this treatment" box shows of `page`, or None unless it is live
    and public: `title`, `url`, `summary`, `key_facts` and `consultation_url`.

    A page type offers these through its `summary` (a sentence or two; its
    introduction if it has none), `key_facts` (`[(label, value)]`, the facts a card
    has room for, as the treatments app's `TreatmentPage.key_facts`) and
    `get_consultation_url()` (where to book); each is optional. Worked out once per
    content change and language, so an article pays no query for its boxes.
    """
    if page is None or not page.live or not visibility.is_public(page):
        return None

    def load():
        specific = page.specific
        consultation = getattr(specific, "get_consultation_url", None)
        return {
            "id": specific.pk,
            "title": specific.title,
            "url": specific.url or "",
            "summary": getattr(specific, "summary", None) or getattr(specific, "intro", ""),
            "key_facts": [tuple(fact) for fact in getattr(specific, "key_facts", [])][
                :KEY_FACTS_SHOWN
            ],
            "consultation_url": consultation() if consultation else "",
        }

    return content_cache.get_or_set(f"blog:about-page:{page.pk}:{get_language()}", load)


class AboutTreatmentDict(TypedDict):
    """The treatment an "About this treatment" box points to, in the API."""

    id: int
    title: str
    url: str


class AboutTreatmentValue(blocks.StructValue):
    @property
    def treatment(self):
        """The chosen treatment as the box shows it; None while it is unpublished or private."""
        return treatment_summary(self.get("page"))


class AboutTreatmentBlock(ChosenPagePreviewMixin, blocks.StructBlock):
    """A box about one treatment, placed where the article talks about it."""

    preview_placeholder = _(
        "A box about one of your treatments, with its summary, key facts and a button to "
        "book. Publish a treatment page to see it here."
    )

    page = PageTypeChooserBlock(
        label=_("Treatment"),
        page_type=TREATMENT_PAGE_TYPE,
        help_text=_(
            "The treatment this part of the article is about. The box shows its title, "
            "summary and key facts from the treatment page, with a button to book."
        ),
    )
    heading = blocks.CharBlock(
        label=_("Label"),
        required=False,
        max_length=60,
        help_text=_(
            "Optional. The small title above the treatment's name; 'About this "
            "treatment' if left empty."
        ),
    )

    def get_api_type(self):
        return AboutTreatmentDict | None

    def get_api_representation(self, value, context=None):
        """The treatment as `{id, title, url}`, or null while it is not published."""
        treatment = value.treatment
        if treatment is None:
            return None
        return {"id": treatment["id"], "title": treatment["title"], "url": treatment["url"]}

    class Meta:
        icon = "doc-full"
        label = _("About this treatment")
        template = "blog/blocks/about_treatment_block.html"
        preview_template = PREVIEW_TEMPLATE
        value_class = AboutTreatmentValue
        description = _(
            "A box about a treatment, with its key facts and a button to book, placed "
            "where the article mentions it."
        )


class ArticleStreamBlock(BaseStreamBlock):
    """An article's body: the shared blocks plus boxes about treatments."""

    about_treatment = AboutTreatmentBlock()
