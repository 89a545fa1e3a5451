"""
What a treatment page shows beside its own fields: its questions, the conditions it treats,
the articles about it, its before-and-after pairs and patients' reviews, loaded together and
kept in the content cache until content changes; and the text search indexes from them.

A mixin of `TreatmentPage`.
"""

from django.utils.functional import cached_property

from clinic_site import content_cache, related
from clinic_site.models import Testimonial

from ..blocks import faq_items_in
from ..faqs import question_lists_showing, searchable_text
from .before_after import GALLERY_RENDITIONS, TreatmentBeforeAfter


class TreatmentContentMixin:
    """The lists a treatment page shows, for a page with the treatment's relations."""

    @cached_property
    def linked(self):
        """
        What the page lists beside its own fields, looked up together: its FAQ
        entries (shared questions in the same query) and the conditions it treats.
        Kept in the content cache (`clinic_site.content_cache`) until content
        changes; a preview or draft, whose lists are held in memory, is read as it is.
        """
        if self.pk is None or getattr(self, "_cluster_related_objects", None):
            return self._load_linked()
        return content_cache.get_or_set(f"treatments:page:{self.pk}:linked", self._load_linked)

    def _load_linked(self):
        return {
            "faq_entries": [
                entry
                for entry in self.faqs.select_related("shared_question")
                if entry.item is not None
            ],
            "conditions": list(self.conditions.all()),
            "articles": related.pages_about(self),
            # Candidates only: whether each is shown is checked on every view
            # (`shown_before_after`), so an expiry takes effect without a save.
            "before_after": list(
                self.before_after_pairs.select_related(
                    "before_image", "after_image", "authorization"
                )
            ),
            "testimonials": list(
                Testimonial.objects.filter(treatment=self, authorization__withdrawn_at=None)
                .select_related("authorization")
                .order_by("-given_on", "-pk")[:50]
            ),
        }

    @cached_property
    def question_lists(self):
        """
        The question lists (FAQ pages) where this page's shared questions also
        appear, for a link to the full list; from the content cache.
        """
        ids = sorted({item.question_id for item in self.get_shown_questions()} - {None})
        if not ids:
            return []
        key = f"treatments:question-lists:{','.join(map(str, ids))}"
        return content_cache.get_or_set(key, lambda: question_lists_showing(ids))

    @property
    def articles(self):
        """Live articles whose related treatments include this one, newest first."""
        return self.linked["articles"]

    @property
    def shown_before_after(self):
        """The before-and-after pairs whose patient's authorization covers the website today."""
        return [pair for pair in self.linked["before_after"] if pair.is_shown]

    @property
    def shown_testimonials(self):
        """Patients' reviews of this treatment whose authorization covers the website today."""
        return [item for item in self.linked["testimonials"] if item.is_authorized]

    def extra_rendition_images(self):
        """The gallery's photos, for the renditions made on publishing (`renditions`)."""
        return [
            (image, (GALLERY_RENDITIONS,))
            for pair in self.shown_before_after
            for image in (pair.before_image, pair.after_image)
        ]

    def facts_search_text(self):
        """
        The facts as the page shows them ("Price From £350", "Numbing Numbing cream"),
        for search: a price or brand the advertising rules hide is not indexed either.
        """
        facts = [f"{label} {value}" for label, value in self.facts]
        return " ".join([*facts, self.body_location])

    def faq_search_text(self):
        """
        Every question the page shows with its answer, for search. Read from the
        database (not the content cache), as the index must see what was just published.
        """
        entries = self.faqs.select_related("shared_question")
        items = [entry.item for entry in entries if entry.item is not None]
        return searchable_text([*items, *faq_items_in(self.body)])

    def before_after_search_text(self):
        """The shown pairs' captions, for search: a withdrawn pair's text leaves the index."""
        pairs = self.before_after_pairs.filter(TreatmentBeforeAfter.shown_q())
        return " ".join(pair.caption for pair in pairs if pair.caption)

    @property
    def faq_entries(self):
        """The page's own FAQ list, with its shared questions."""
        return self.linked["faq_entries"]

    @property
    def faq_items(self):
        return [entry.item for entry in self.faq_entries]

    def get_shown_questions(self, request=None):
        """Every question the reader sees: the FAQ list and FAQ-list blocks in the body."""
        return [*self.faq_items, *faq_items_in(self.body)]

    @property
    def condition_list(self):
        return self.linked["conditions"]
