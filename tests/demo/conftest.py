"""
The demo clinic, built once for the whole `tests/demo` package: building it
(pages, revisions, generated Pillow images) is the slow part, and the tests only
read it or change it inside their own savepoint, which is rolled back.
"""

from io import StringIO

from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

import pytest

DEMO_ADMIN = {"username": "admin", "password": "clinic-demo", "email": "admin@localhost"}


@pytest.fixture(scope="package")
def demo_output(django_db_setup, django_db_blocker):
    """What the first `load_demo_content` printed; its data lives until the package ends."""
    with django_db_blocker.unblock(), transaction.atomic():
        out = StringIO()
        with override_settings(DEMO_ADMIN=DEMO_ADMIN, DEBUG=True):
            call_command("load_demo_content", "--with-sample-requests", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def demo(demo_output, db):
    """Every test here starts from the built demo, in a savepoint of its own."""
    return demo_output


def load_again(*args, **settings):
    """Run `load_demo_content` again, as a developer would, with these settings."""
    out = StringIO()
    with override_settings(**{"DEMO_ADMIN": DEMO_ADMIN, "DEBUG": True, **settings}):
        call_command("load_demo_content", *args, stdout=out)
    return out.getvalue()
