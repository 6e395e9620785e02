"""schemathesis against the OpenAPI document the portal serves: a bounded run over every
operation, no 5xx and no response that violates the schema.

The schemathesis pytest plugin does not run under this pytest, so the test drives the
same engine directly: one Hypothesis run per operation of the served document.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import checks

from tests.sandbox.conftest import register_account, running_sandbox

EXAMPLES_PER_OPERATION = 30
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
    checks.response_headers_conformance,
]
"""No 5xx, and every response as documented: status, media type, body and headers."""


@schemathesis.serializer("application/offset+octet-stream")
def _tus_chunk(_context, value):
    """tus chunks are raw bytes."""
    if isinstance(value, bytes):
        return value
    return str(value).encode("utf-8")


def test_api_conforms_to_its_openapi_document(tmp_path):
    with running_sandbox(tmp_path / "portal", seed=5) as server:
        headers = register_account(server).headers()
        schema = schemathesis.openapi.from_url(server.api_url + "/openapi.json")
        schema.config.base_url = server.url
        operations = [result.ok() for result in schema.get_all_operations()]
        assert len(operations) >= 25
        failures: dict[str, str] = {}
        for operation in operations:

            @settings(
                max_examples=EXAMPLES_PER_OPERATION,
                deadline=None,
                derandomize=True,
                suppress_health_check=list(HealthCheck),
                database=None,
            )
            @given(case=operation.as_strategy())
            def check(case):
                case.call_and_validate(headers=dict(headers), checks=CHECKS, timeout=60)

            try:
                check()
            except Exception as exc:  # collect every operation's failure, then report
                failures[operation.label] = f"{type(exc).__name__}: {exc}"[:3000]
        if failures:
            pytest.fail("\n\n".join(f"{label}\n{text}" for label, text in failures.items()))
