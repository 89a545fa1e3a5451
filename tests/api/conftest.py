"""Fixtures for the API tests that call the site straight through WSGI."""

import pytest


@pytest.fixture
def _keep_db_connection():
    """Called straight through WSGI, requests would close the test's database connection
    when they finish; Django's test client avoids this the same way."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)
