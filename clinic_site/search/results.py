"""One line of the search results, whatever found it: a page, or an editor's promotion."""

from dataclasses import dataclass, replace

from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext_lazy as _

SUMMARY_WORDS = 40


@dataclass(frozen=True)
class Result:
    title: str
    url: str
    kind: str  # what the page is, e.g. "Treatment", so a patient knows what to expect
    summary: str
    recommended: bool = False
    external: bool = False


def kind_of(page):
    """
    The page's type as a patient reads it: its class's `search_result_label`
    when it has one (e.g. "Treatment"), else its type's name.
    """
    label = getattr(page, "search_result_label", None)
    return capfirst(label or page.specific_class._meta.verbose_name)


def summary_of(page):
    text = getattr(page, "meta_description", None) or page.search_description or ""
    return Truncator(" ".join(text.split())).words(SUMMARY_WORDS)


def for_page(page, request, recommended=False):
    return Result(
        title=page.title,
        url=page.get_url(request),
        kind=kind_of(page),
        summary=summary_of(page),
        recommended=recommended,
    )


def for_promotion(promotion, page, request):
    """A promoted page, or an external link with the editor's text and description."""
    if page is not None:
        result = for_page(page, request, recommended=True)
        if promotion.description:
            return replace(result, summary=promotion.description)
        return result
    return Result(
        title=promotion.external_link_text or promotion.external_link_url,
        url=promotion.external_link_url,
        kind=_("Another website"),
        summary=promotion.description,
        recommended=True,
        external=True,
    )
