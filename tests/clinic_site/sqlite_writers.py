"""
Two admin requests writing to one SQLite file at the same moment, as an autosave
and a click on Publish do: each reads in its transaction, then writes.

Run as a script by `test_sqlite_concurrency.py`, in a process of its own with
the development settings (DATABASE_URL names the file), so the connections are
configured exactly as `make run` configures them. `--django-defaults` drops the
project's SQLite options to show what happens without them. Prints JSON: the
rows stored, the errors the writers met and the journal mode in use.
"""

import json
import sys
import threading

from django.conf import settings
from django.db import DatabaseError, connection, transaction

# How long a writer that has read waits for the other one to read too, so both
# hold a read before either writes, when the database lets them.
LINE_UP_SECONDS = 0.5


def write(name, events, errors):
    mine, other = events[name], events["publish" if name == "autosave" else "autosave"]
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SELECT COUNT(*) FROM revision")
                mine.set()
                other.wait(LINE_UP_SECONDS)
                cursor.execute("INSERT INTO revision (saved_by) VALUES (%s)", [name])
    except DatabaseError as error:
        mine.set()
        errors.append(f"{name}: {error}")
    finally:
        connection.close()


def main():
    if "--django-defaults" in sys.argv:
        settings.DATABASES["default"]["OPTIONS"] = {}
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE revision (id INTEGER PRIMARY KEY, saved_by VARCHAR(20) NOT NULL)"
        )
    connection.close()

    events = {"autosave": threading.Event(), "publish": threading.Event()}
    errors = []
    writers = [threading.Thread(target=write, args=(name, events, errors)) for name in events]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join()

    with connection.cursor() as cursor:
        cursor.execute("SELECT saved_by FROM revision ORDER BY id")
        stored = [row[0] for row in cursor.fetchall()]
        cursor.execute("PRAGMA journal_mode")
        journal_mode = cursor.fetchone()[0]
    print(json.dumps({"stored": stored, "errors": errors, "journal_mode": journal_mode}))


if __name__ == "__main__":
    main()
