"""schemathesis against the OpenAPI description: for every operation, a bounded number of generated requests (valid
and not), each answered without a server error and as the description says (status, content type, body schema).
Run with `-s` to see the operation and example counts."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings

pytestmark = pytest.mark.django_db

EXAMPLES_PER_OPERATION = 25


@pytest.fixture
def _connection_kept_between_requests():
    """schemathesis calls the WSGI application itself, whose request signals would close the database connection
    the test's transaction lives on (PostgreSQL: "the connection is closed"). Django's test client does the same."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.usefixtures("_connection_kept_between_requests")
def test_every_operation_answers_as_its_openapi_description_says(content):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 18
    examples = 0

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None, suppress_health_check=list(HealthCheck)
        )
        def answers_as_described(case):
            nonlocal examples
            examples += 1
            case.call_and_validate()

        answers_as_described()
    print(f"\nschemathesis: {len(operations)} operations, {examples} examples, 0 server errors, 0 schema violations")
    assert examples >= len(operations)
