"""
A patient's words, widened by the editors' synonym groups (`SearchSynonym`):
"hurt" also finds a page that only speaks of "discomfort". Each word of the
query must still be found, itself or one of its synonyms, as without groups.
"""

from wagtail.search.query import And, Or, PlainText

from .. import content_cache
from ..models import SearchSynonym
from ..models.synonyms import split_words


def groups():
    """{word: (the word and its synonyms)} for every word in a group, cached with the content."""
    return content_cache.get_or_set("clinic_site:search-synonyms", _load_groups)


def _load_groups():
    result = {}
    for words in SearchSynonym.objects.values_list("words", flat=True):
        group = split_words(words)
        for word in group:
            # A word in two groups finds what either group finds.
            known = result.setdefault(word, [])
            known.extend(other for other in group if other not in known)
    return {word: tuple(group) for word, group in result.items()}


def all_words():
    return set(groups())


def expand(query, any_word=False):
    """
    `query` as the search backend takes it: the text itself when no word has
    synonyms (the backend's own parsing: every word must be found), else a query
    in which each word with synonyms may be matched by any of them. With
    `any_word`, a page needs only one of the words (or one of their synonyms).
    """
    known = groups()
    words = query.split()
    if not any_word and not any(word.casefold() in known for word in words):
        return query
    parts = []
    for word in words:
        alternatives = known.get(word.casefold())
        if alternatives:
            parts.append(Or([PlainText(alternative) for alternative in alternatives]))
        else:
            parts.append(PlainText(word))
    if len(parts) == 1:
        return parts[0]
    return Or(parts) if any_word else And(parts)
