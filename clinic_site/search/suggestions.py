"""
"Did you mean migraine?" for a mistyped search, from the site's own words.

The vocabulary is every word of the search index's entries for live, public
pages (titles, introductions, facts, answers, tags: whatever the pages index)
and of the editors' synonym groups, with how often each occurs. A suggestion
therefore always names a word that finds something, and never a word from a
draft, a private page or anything that is not a page (consultation requests
are never indexed at all). The vocabulary is cached with the content
(`clinic_site.content_cache`), so a publish brings in new words.

Close words are found with Python's `difflib` (the ratio of matching
characters), which needs no database extension and behaves the same on
PostgreSQL and SQLite; a clinic's vocabulary is a few thousand words, which it
compares in milliseconds.
"""

import difflib
import re
from collections import Counter

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField
from django.db.models.functions import Cast

from wagtail.models import Page, get_page_models
from wagtail.search.models import IndexEntry

from .. import content_cache, visibility
from . import synonyms

# Words worth suggesting: letters only (any alphabet), three or more of them.
WORD = re.compile(r"[^\W\d_]{3,}")
# How alike two words must be (difflib's ratio) for one to be offered for the other.
CUTOFF = 0.75
# Longer queries are not sentences patients mistype word by word; leave them be.
MAX_WORDS = 6


def vocabulary():
    """{word: how often the public pages' index entries use it}, cached with the content."""
    return content_cache.get_or_set("clinic_site:search-vocabulary", _build_vocabulary)


def _text_fields():
    """The index's plain-text columns: PostgreSQL keeps them beside its search vectors."""
    names = {field.name for field in IndexEntry._meta.get_fields()}
    if {"title_text", "body_text"} <= names:
        return ("title_text", "body_text")
    return ("title", "body")


def _build_vocabulary():
    public_pages = visibility.public(Page.objects.live()).annotate(
        key=Cast("pk", output_field=CharField())
    )
    page_types = ContentType.objects.get_for_models(*get_page_models()).values()
    entries = IndexEntry.objects.filter(
        content_type__in=[content_type.pk for content_type in page_types],
        object_id__in=public_pages.values("key"),
    )
    counts = Counter()
    for texts in entries.values_list(*_text_fields()).iterator():
        for text in texts:
            counts.update(WORD.findall((text or "").casefold()))
    for word in synonyms.all_words():
        counts.update(WORD.findall(word))
    return dict(counts)


def suggest(query):
    """
    `query` with each unknown word replaced by the closest known one, or "" when
    every word is known (or nothing close is), so there is nothing to suggest.
    """
    words = query.split()
    if not words or len(words) > MAX_WORDS:
        return ""
    known = vocabulary()
    if not known:
        return ""
    changed, result = False, []
    for word in words:
        key = word.casefold()
        if key in known or not WORD.fullmatch(key):
            result.append(word)
            continue
        closest = _closest(key, known)
        if closest:
            changed = True
        result.append(closest or word)
    return " ".join(result) if changed else ""


def _closest(word, known):
    """The known word most like `word` (the more used of equally close ones), or None."""
    candidates = [w for w in known if abs(len(w) - len(word)) <= 2]
    matches = difflib.get_close_matches(word, candidates, n=5, cutoff=CUTOFF)
    if not matches:
        return None

    def likeness(candidate):
        return (difflib.SequenceMatcher(None, word, candidate).ratio(), known[candidate])

    return max(matches, key=likeness)
