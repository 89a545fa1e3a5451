"""Test helpers shared across apps' tests."""

from contextlib import contextmanager
from html.parser import HTMLParser

from django.db import OperationalError, connection


@contextmanager
def database_down(table=None):
    """
    Every query (or only those naming `table`) fails as it would with the
    database server gone: OperationalError from Django's own query path.
    """

    def refuse(execute, sql, params, many, context):
        if table is None or table in sql:
            raise OperationalError('connection to server at "db" failed: Connection refused')
        return execute(sql, params, many, context)

    with connection.execute_wrapper(refuse):
        yield


class _MetaTags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("property") or attrs.get("name")
        if tag == "meta" and name:
            self.tags.setdefault(name, attrs.get("content"))


def meta_tags(html):
    """The page's `<meta>` tags as a social network reads them: {property or name: content}."""
    parser = _MetaTags()
    parser.feed(html)
    return parser.tags
