"""Fuzzing the API: schemathesis generates requests from the served OpenAPI document for every operation, valid
and invalid (negative mode), under the keys of the roles that may call it and of one that may not, on SQLite
and (when it answers) PostgreSQL. A seller with a shelf and a paid order, an approved supplier with a listed
product, and an open dispute are seeded, and part of the cases address them, so the fuzz reaches past "not
found" into the order, shelf, ledger, onboarding, listing, deposit and dispute workflows.

Checks on every response: no 5xx (`not_a_server_error`) and a body that conforms to the documented schema
(`response_schema_conformance`). Examples per operation: XIAOPU_API_FUZZ_EXAMPLES (default 25, derandomized,
so `make test` spends about a minute per database); raise it for a longer hunt. Every real bug it found
has its own regression test in tests/api/test_fuzz_regressions.py.
"""

from __future__ import annotations

import asyncio
import os
import re
import secrets
import tempfile
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from api.app import create_app
from tests.browser import dev_keys_setting
from tests.commerce.helpers import APPLES, PAID_AT
from tests.commerce.test_role_matrix import ACCESS, ROLES
from tests.conftest import ADMIN_URL, _admin, postgres_answers
from tests.onboarding.helpers import DRESS_CATEGORIES, app_path, application, deposit_payment

with warnings.catch_warnings():  # starlette's TestClient prefers httpx2; httpx is what the project uses
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

EXAMPLES = int(os.environ.get("XIAOPU_API_FUZZ_EXAMPLES", "25"))
KEYS = {role: f"xpk_fuzz{role.replace('_', '')}_{secrets.token_urlsafe(16)}" for role in ROLES}
CHECKS = [not_a_server_error, response_schema_conformance]


def _schema() -> Any:
    with tempfile.TemporaryDirectory() as tmp:
        spec = create_app(database_url=f"sqlite://{tmp}/spec.sqlite3", tick_seconds=0).openapi()
    return schemathesis.openapi.from_dict(spec)


SCHEMA = _schema()
OPERATIONS = [result.ok() for result in SCHEMA.get_all_operations()]


SUPPLIER = "SUP-91330100MA2AXXXX07"  # the supplier the onboarding helpers' application creates
SEEDED = {"seller_id": "S-SEED", "order_id": "O-SEED", "sku": APPLES["sku"], "period": "2026-11",
          "application_id": "APP-SEED", "supplier_id": SUPPLIER, "dispute_id": "D-SEED"}
DRESS = {"sku": "DRESS", "category": "womens_clothing", "price": "200.00", "quantity": 1, "supplier_id": SUPPLIER}
SEEN = "2026-11-20T10:00:00+08:00"


@contextmanager
def database(kind: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if kind == "sqlite":
        yield f"sqlite://{tmp_path_factory.mktemp('fuzz')}/fuzz.sqlite3"
        return
    if not postgres_answers():
        pytest.skip("PostgreSQL does not answer")
    name = f"xiaopu_t_{secrets.token_hex(6)}"
    asyncio.run(_admin(f'CREATE DATABASE "{name}"'))
    try:
        yield urlsplit(ADMIN_URL)._replace(path=f"/{name}").geturl()
    finally:
        asyncio.run(_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def seed(client: TestClient) -> None:
    """A seller with a shelf and a paid order; an approved supplier with a listed product; a dispute."""
    references = {"taoke_commission": {"rate_bp": 1500, "source": "taoke market", "observed_at": SEEN},
                  "other_platform_price": {"price": "29.90", "source": "jd.com", "observed_at": SEEN}}
    steps: list[tuple[str, str, str, dict[str, Any]]] = [
        ("storefront", "POST", "/v1/sellers", {"seller_id": "S-SEED"}),
        ("storefront", "PUT", "/v1/sellers/S-SEED/shelf/SNACK-1", {"category": "snacks", "price": "9.90"}),
        ("storefront", "PUT", "/v1/orders/O-SEED", {"seller_id": "S-SEED", "buyer_id": "B-1", "paid_at": PAID_AT,
                                                    "items": [APPLES]}),
        ("supplier", "POST", "/v1/supplier-applications", application("APP-SEED", categories=DRESS_CATEGORIES)),
        ("policy_admin", "POST", app_path("APP-SEED", "/deposit-payments"), deposit_payment("APP-SEED")),
        ("reviewer", "POST", app_path("APP-SEED", "/decision"),
         {"decision": "approve", "reason": "compliant"}),
        ("supplier", "POST", f"/v1/suppliers/{SUPPLIER}/products",
         {**{k: APPLES[k] for k in ("sku", "category", "price")}, "commission_rate_bp": 1799,
          "references": references}),
        ("supplier", "POST", f"/v1/suppliers/{SUPPLIER}/products",
         {"sku": "DRESS", "category": "womens_clothing", "price": "200.00", "commission_rate_bp": 1000}),
        ("storefront", "PUT", "/v1/orders/O-DRESS", {"seller_id": "S-SEED", "buyer_id": "B-2",
                                                     "paid_at": "2026-11-07T02:00:00Z", "items": [DRESS]}),
        ("storefront", "POST", "/v1/orders/O-DRESS/events", {"event_id": "O-DRESS-rc", "type": "receipt_confirmed",
                                                             "at": "2026-11-09T02:00:00Z"}),
        ("storefront", "POST", "/v1/disputes", {"dispute_id": "D-SEED", "order_id": "O-DRESS", "sku": "DRESS",
                                                "type": "quality_problem", "amount": "200.00",
                                                "opened_at": "2026-11-10T02:00:00Z"}),
    ]
    for role, method, url, body in steps:
        response = client.request(method, url, json=body, headers={"Authorization": f"Bearer {KEYS[role]}"})
        assert response.status_code in (200, 201), (url, response.text)


@pytest.fixture(scope="module", params=[pytest.param("sqlite", id="sqlite"),
                                        pytest.param("postgres", id="postgres", marks=pytest.mark.postgres)])
def served(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """One app on a fresh database for the whole module, with a development key per role, and seeded."""
    with database(request.param, tmp_path_factory) as url:
        saved = os.environ.get("XIAOPU_DEV_KEYS")
        os.environ["XIAOPU_DEV_KEYS"] = dev_keys_setting(KEYS)  # the supplier key speaks for SUPPLIER
        try:
            app = create_app(database_url=url, tick_seconds=0)
        finally:
            if saved is None:
                os.environ.pop("XIAOPU_DEV_KEYS", None)
            else:
                os.environ["XIAOPU_DEV_KEYS"] = saved
        with TestClient(app, raise_server_exceptions=False, base_url="http://xiaopu.test") as client:
            seed(client)
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
    names = re.findall(r"\{(\w+)\}", operation.path)
    if names and all(name in SEEDED for name in names):
        modes.append(operation.as_strategy(generation_mode=GenerationMode.POSITIVE,
                                           path_parameters={name: SEEDED[name] for name in names}))
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
