"""
The site's search backend: Wagtail's database backend, with the SQLite
backend's ordering by relevance done in one pass.

The SQLite backend that Wagtail 8 ships (modelsearch 1.3) orders results by
relevance by giving every matching page a correlated subquery that runs the
full-text match again to find that page's score, so a word that most pages
contain costs one full-text query per page: "botox" took 0.4 s at 1,000
articles and 40 s at 10,000. Here the matching index entries are scored once by
SQLite's FTS5 (the same bm25 expression), sorted and cut to the page of results
wanted, and only those pages are fetched, by id, in that order; the count is one
query over the same matches. Results, order and scores are the backend's own.

PostgreSQL (a join, not a subquery per row), MySQL and the fallback backend are
used as Wagtail chooses them. Settings: `WAGTAILSEARCH_BACKENDS` names this
module instead of `wagtail.search.backends.database`, with the same options.
"""

from django.db import connection

from wagtail.search.backends import database


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks for in a backend module
    """The backend Wagtail's database backend would choose, with SQLite's ranking replaced."""
    backend = database.SearchBackend(params)
    if connection.vendor != "sqlite":
        return backend
    # Imported only on SQLite: Wagtail's SQLite backend module cannot be imported
    # on another database (its index model exists only there).
    from .sqlite import SQLiteSearchBackend, sqlite

    if type(backend) is sqlite.SQLiteSearchBackend:
        return SQLiteSearchBackend(params)
    return backend
