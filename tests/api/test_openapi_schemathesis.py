"""
The v3 API against its own OpenAPI schema, with generated requests (bounded).

Every public read operation and the consultation POST: no server error, and
every response matches the schema the API publishes. Wagtail's own write
operations (create, update, publish... pages and snippets) are left out: they need an API
token and a user with page permissions, and generated bodies for them only
test Wagtail itself.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import response_schema_conformance

pytestmark = pytest.mark.django_db


@pytest.fixture
def api_schema(home_page, clinic_settings, _keep_db_connection):
    from clinic_site.wsgi import application
    from tests.consultations.factories import make_consultation_page

    make_consultation_page(home_page)
    schema = schemathesis.openapi.from_wsgi("/api/v3/openapi.json", application)
    return schema.exclude(method=["PUT", "PATCH", "DELETE"]).exclude(
        method="POST", path_regex="/(pages|snippets)/"
    )


CHECKS = [
    schemathesis.checks.not_a_server_error,
    response_schema_conformance,
]


def test_api_answers_without_server_errors_and_as_documented(api_schema):
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert any(op.path.endswith("/consultations/") for op in operations)

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=8,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def check(case):
            case.call_and_validate(checks=CHECKS)

        check()
