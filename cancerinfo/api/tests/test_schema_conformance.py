"""schemathesis against the OpenAPI description: for every operation, a bounded number of generated requests (valid
and not), each answered without a server error and as the description says (status, content type, body schema).
Run with `-s` to see the operation and example counts."""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, given, settings

pytestmark = pytest.mark.django_db

EXAMPLES_PER_OPERATION = 25


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
