"""
One migrated test database per run, copied by each test process.

Migrating an empty database through every app's migrations costs each pytest-xdist process
about twenty seconds of a core, and `make test` starts four of them at once (two per pass). So
the first process of a run migrates as usual and keeps a copy of the result as a template; the
others wait for it and start from the copy: PostgreSQL creates their databases `WITH TEMPLATE`
(the migrations then find nothing to apply), SQLite restores the template file into their
in-memory database with SQLite's backup API.

A run without pytest-xdist (one process) migrates as pytest-django does; nothing is shared
between runs: the template lives in the run's own temporary folder (SQLite) or is rebuilt by
the run's first process (PostgreSQL).
"""

import fcntl
import sqlite3
from contextlib import contextmanager

from django.conf import settings
from django.db import connection
from django.test.utils import setup_databases


@contextmanager
def locked(path):
    """Hold an exclusive lock on `path` (a file every process of the run can see)."""
    with open(path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def is_sqlite():
    return connection.vendor == "sqlite"


def template_name():
    """The PostgreSQL template database: the test database's name with `_template`."""
    return connection.creation._get_test_db_name().rsplit("_gw", 1)[0] + "_template"


def drop_template():
    with connection.creation._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(template_name())}")


def keep_as_template(shared_folder):
    """After migrating: keep this process's database as the run's template."""
    if is_sqlite():
        with sqlite3.connect(shared_folder / "template.sqlite3") as target:
            connection.ensure_connection()
            connection.connection.backup(target)
        return
    source = connection.settings_dict["NAME"]
    connection.close()  # PostgreSQL copies only a database nobody is connected to
    with connection.creation._nodb_cursor() as cursor:
        quote = connection.ops.quote_name
        cursor.execute(f"CREATE DATABASE {quote(template_name())} WITH TEMPLATE {quote(source)}")


def start_from_template(shared_folder, serialize):
    """Create this process's test database as a copy of the run's template."""
    if not is_sqlite():
        settings.DATABASES["default"]["TEST"]["TEMPLATE"] = template_name()
        connection.settings_dict["TEST"]["TEMPLATE"] = template_name()
        return setup_databases(
            verbosity=0, interactive=False, aliases={"default"}, serialized_aliases=serialize
        )
    creation = connection.creation
    original_name = connection.settings_dict["NAME"]
    test_name = creation._get_test_db_name()
    connection.close()
    settings.DATABASES["default"]["NAME"] = test_name
    connection.settings_dict["NAME"] = test_name
    connection.ensure_connection()
    with sqlite3.connect(shared_folder / "template.sqlite3") as source:
        source.backup(connection.connection)
    if serialize:
        connection._test_serialized_contents = creation.serialize_db_to_string()
    return [(connection, original_name, True)]


def set_up(shared_folder, serialize):
    """
    This process's test database: migrated by the first process of the run, copied by the
    others. Returns what `teardown_databases` needs.
    """
    ready = shared_folder / "template-ready"
    with locked(shared_folder / "template.lock"):
        if ready.exists():
            return start_from_template(shared_folder, serialize)
        if not is_sqlite():
            drop_template()  # left by an earlier run that stopped half-way
        config = setup_databases(
            verbosity=0, interactive=False, aliases={"default"}, serialized_aliases=serialize
        )
        keep_as_template(shared_folder)
        ready.touch()
        return config
