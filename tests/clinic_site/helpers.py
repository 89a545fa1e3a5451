"""Test helpers shared across apps' tests."""

from contextlib import contextmanager

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
