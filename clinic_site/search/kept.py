"""
Search results worked out once per query and content change.

A word most pages contain ("botox", on a clinic's site) matches nearly every
article: to show the best ten the search backend scores every match, and the
count behind "N results" counts them all, so a search took five times as long
at 10,000 articles as at 1,000. During a campaign the same few words are
searched over and over, and what they find changes only with the content. So
the count and the ids on each page of results are kept in the content cache
(`clinic_site.content_cache`, replaced by every publish) for `TIMEOUT`
seconds, and the pages themselves are loaded by id. A query no one searched
since the last change is worked out as before.

Only ids and counts are kept (a few hundred bytes a query): what any visitor
may search for costs the cache little.
"""

import hashlib

from wagtail.models import Page

from .. import content_cache

TIMEOUT = 10 * 60


class KeptResults:
    """
    What `Paginator` pages over in place of a search's results: their count and
    each slice of them, from the content cache when this query was searched
    since the content last changed.
    """

    def __init__(self, results, query):
        self.results = results
        self.key = "search:" + hashlib.sha256(repr(query).encode()).hexdigest()

    def count(self):
        return content_cache.get_or_set(f"{self.key}:count", self.results.count, timeout=TIMEOUT)

    def __len__(self):
        return self.count()

    def __getitem__(self, window):
        if not isinstance(window, slice):
            raise TypeError("Search results are read a page at a time.")
        found = []

        def load():
            found.extend(self.results[window])
            return [page.pk for page in found]

        ids = content_cache.get_or_set(
            f"{self.key}:{window.start}:{window.stop}", load, timeout=TIMEOUT
        )
        if found:  # just searched
            return found
        pages = {page.pk: page for page in Page.objects.live().filter(pk__in=ids).specific()}
        return [pages[pk] for pk in ids if pk in pages]
