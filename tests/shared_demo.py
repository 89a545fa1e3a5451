"""
The demo clinic in a test database, built once per test run.

`load_demo_content` draws every demo image and makes all its renditions: about half a
minute of a core. The browser tests and the site-wide checks that walk the demo's pages
only need its rows, so the run's first test process that asks builds it and writes the rows
to the run's shared folder (see `run_folder` in tests/conftest.py); every later test, in any
process, empties its database and loads those rows back, in a few seconds. The image and
rendition files stay in MEDIA_ROOT, which the processes share. `tests/demo/` does not use
this: it tests the command itself.
"""

from io import StringIO

from django.apps import apps
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection
from django.test import override_settings

from tests.databases import locked

# The demo's admin account, which the browser tests sign in with.
DEMO_ADMIN = {"username": "admin", "password": "clinic-demo", "email": "admin@localhost"}


def load(run_folder):
    """Put the demo's rows in this process's test database (built on the first call of the run)."""
    rows_file = run_folder / f"demo-rows-{connection.vendor}.json"
    with locked(run_folder / "demo-rows.lock"):
        if not rows_file.exists():
            with override_settings(DEMO_ADMIN=DEMO_ADMIN):
                call_command("load_demo_content", stdout=StringIO())
            rows_file.write_text(connection.creation.serialize_db_to_string())
            return
    call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
    connection.creation.deserialize_db_from_string(rows_file.read_text())
    # Rows come back with their ids: move PostgreSQL's sequences past them, as loaddata does.
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), apps.get_models()):
            cursor.execute(statement)
