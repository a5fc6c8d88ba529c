"""Fuzzing the API: schemathesis generates requests from the served OpenAPI document for every operation, valid
and invalid (negative mode), under the keys of the roles that may call it and of one that may not.

Checks on every response: no 5xx (`not_a_server_error`) and a body that conforms to the documented schema
(`response_schema_conformance`). Examples per operation: XIAOPU_API_FUZZ_EXAMPLES (default 12, derandomized,
so `make test` stays within a minute or two on SQLite); raise it for a longer hunt. Every real bug it found
has its own regression test in tests/api/test_fuzz_regressions.py.
"""

from __future__ import annotations

import os
import re
import secrets
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance
from starlette.testclient import TestClient

from api.app import create_app
from tests.commerce.test_role_matrix import ACCESS, ROLES

EXAMPLES = int(os.environ.get("XIAOPU_API_FUZZ_EXAMPLES", "12"))
KEYS = {role: f"xpk_fuzz{role.replace('_', '')}_{secrets.token_urlsafe(16)}" for role in ROLES}
CHECKS = [not_a_server_error, response_schema_conformance]


def _schema() -> Any:
    with tempfile.TemporaryDirectory() as tmp:
        spec = create_app(database_url=f"sqlite://{tmp}/spec.sqlite3", tick_seconds=0).openapi()
    return schemathesis.openapi.from_dict(spec)


SCHEMA = _schema()
OPERATIONS = [result.ok() for result in SCHEMA.get_all_operations()]


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """One app on a fresh SQLite database for the whole module, with a development key per role."""
    saved = os.environ.get("XIAOPU_DEV_KEYS")
    os.environ["XIAOPU_DEV_KEYS"] = ",".join(f"{role}:{key}" for role, key in KEYS.items())
    try:
        app = create_app(database_url=f"sqlite://{tmp_path_factory.mktemp('fuzz')}/fuzz.sqlite3", tick_seconds=0)
    finally:
        if saved is None:
            os.environ.pop("XIAOPU_DEV_KEYS", None)
        else:
            os.environ["XIAOPU_DEV_KEYS"] = saved
    with TestClient(app, raise_server_exceptions=False, base_url="http://xiaopu.test") as client:
        yield client


def send(client: TestClient, case: Any, role: str | None) -> httpx.Response:
    """The generated request, sent as it is, with the role's key (or none)."""
    data = case.as_transport_kwargs(base_url="http://xiaopu.test")
    headers = {k: v for k, v in (data.get("headers") or {}).items() if k.lower() != "authorization"}
    if role:
        headers["Authorization"] = f"Bearer {KEYS[role]}"
    body: dict[str, Any] = {}
    if "json" in data:
        body["json"] = data["json"]
    elif data.get("data") is not None:
        raw = data["data"]
        body["content"] = raw if isinstance(raw, bytes | str) else str(raw)
    return client.request(data["method"], data["url"], params=data.get("params"), headers=headers,
                          cookies=data.get("cookies") or None, **body)


def callers(operation: Any) -> list[str | None]:
    allowed = ACCESS.get((operation.method.upper(), operation.path), frozenset())
    refused = sorted(set(ROLES) - allowed)
    return sorted(allowed) + refused[:1] + [None]


def case_strategy(operation: Any) -> Any:
    modes = [operation.as_strategy(generation_mode=GenerationMode.POSITIVE)]
    if operation.path_parameters or operation.query or operation.body:
        modes.append(operation.as_strategy(generation_mode=GenerationMode.NEGATIVE))
    return st.one_of(modes)


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda op: f"{op.method.upper()} {op.path}")
def test_fuzz_operation(served: TestClient, operation: Any) -> None:
    allowed = callers(operation)

    @given(case=case_strategy(operation), role=st.sampled_from(allowed))
    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
              phases=[Phase.explicit, Phase.generate],
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large,
                                     HealthCheck.function_scoped_fixture])
    def run(case: Any, role: str | None) -> None:
        response = send(served, case, role)
        assert not re.search(r"Traceback|File \"/", response.text), response.text[:500]
        case.validate_response(response, checks=CHECKS)

    run()


def test_every_operation_is_fuzzed() -> None:
    assert {(op.method.upper(), op.path) for op in OPERATIONS} == set(ACCESS) | {("GET", "/healthz")}
    assert Path(__file__).name == "test_fuzz_api.py"
