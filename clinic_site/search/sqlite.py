"""
SQLite's ranking by relevance in one pass (see `clinic_site.search.backend`, which
chooses these classes on SQLite only: Wagtail's SQLite backend module cannot be
imported on another database).
"""

from django.db.models import CharField
from django.db.models.functions import Cast

from wagtail.search.backends.database.sqlite import sqlite
from wagtail.search.backends.database.sqlite.query import MatchExpression, normalize
from wagtail.search.query import MatchAll, Not
from wagtail.search.utils import get_descendants_content_types_pks


class SQLiteSearchQueryCompiler(sqlite.SQLiteSearchQueryCompiler):
    def ranked_entries(self, config):
        """
        (object id, score) of every match, best first, as a query; None for the
        searches the backend's own query answers well (no ordering by relevance,
        a negated query, or everything).
        """
        if not self.order_by_relevance:
            return None
        query = normalize(self.query)
        if isinstance(query, (MatchAll, Not)):
            return None
        match = MatchExpression(
            self.fields or self.FTS_TABLE_FIELDS, self.build_search_query(query, config=config)
        )
        searched = self.queryset.annotate(_search_key=Cast("pk", output_field=CharField())).values(
            "_search_key"
        )
        return (
            sqlite.SQLiteFTSIndexEntry.objects.filter(match)
            .filter(
                index_entry__content_type__in=get_descendants_content_types_pks(
                    self.queryset.model
                ),
                index_entry__object_id__in=searched,
            )
            .annotate(score=self._build_rank_expression(self.get_search_vectors(), config))
            # bm25 is lower for a better match; the entry's id makes pages of results stable.
            .order_by("score", "-index_entry_id")
            .values_list("index_entry__object_id", "score")
        )


class SQLiteSearchResults(sqlite.SQLiteSearchResults):
    def _ranked(self):
        return self.query_compiler.ranked_entries(self.query_compiler.get_config(self.backend))

    def _do_search(self):
        ranked = self._ranked()
        if ranked is None:
            return super()._do_search()
        rows = list(ranked[self.start : self.stop])
        found = self.query_compiler.queryset.filter(pk__in=[key for key, _score in rows])
        by_key = {str(obj.pk): obj for obj in found}
        results = []
        for key, score in rows:
            obj = by_key.get(key)
            if obj is None:  # removed between the two queries
                continue
            if self._score_field:
                setattr(obj, self._score_field, score)
            results.append(obj)
        return results

    def _do_count(self):
        ranked = self._ranked()
        if ranked is None:
            return super()._do_count()
        matches = ranked.order_by().values("pk").count()
        stop = matches if self.stop is None else min(matches, self.stop)
        return max(0, stop - self.start)


class SQLiteSearchBackend(sqlite.SQLiteSearchBackend):
    query_compiler_class = SQLiteSearchQueryCompiler
    results_class = SQLiteSearchResults
