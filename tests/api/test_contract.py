"""The OpenAPI document as a contract: every JSON success response is a named schema, every list pages the
same way (`after` in, `next` out), every operation has a name a generated client can use, and money in a request
documents how it is written."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from pydantic import TypeAdapter
from starlette.routing import Mount, Route

from api.app import create_app
from api.common.direct_route import DirectRoute
from api.common.schemas import Yuan

NOT_JSON = {("delete", "/v1/sellers/{seller_id}/shelf/{sku}"), ("get", "/metrics"),  # 204; Prometheus text
            ("get", "/v1/policy-drafts/{draft_id}/tree")}  # a .tar.gz


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    return create_app(database_url="sqlite://:memory:").openapi()


def operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [(method, path, op) for path, ops in document["paths"].items() for method, op in ops.items()]


def test_every_json_success_response_is_a_named_schema(document: dict[str, Any]) -> None:
    untyped = [(method, path, status) for method, path, op in operations(document) if (method, path) not in NOT_JSON
               for status, response in op["responses"].items() if status.startswith("2")
               and "$ref" not in response.get("content", {}).get("application/json", {}).get("schema", {})]
    assert untyped == []


def test_every_list_takes_after_and_answers_next(document: dict[str, Any]) -> None:
    schemas = document["components"]["schemas"]
    lists = [(path, op) for method, path, op in operations(document)
             if method == "get" and any(p["name"] == "limit" for p in op.get("parameters", []))]
    assert len(lists) >= 7
    for path, op in lists:
        assert any(p["name"] == "after" for p in op["parameters"]), path
        ref = op["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
        assert "next" in schemas[ref]["properties"], path
        assert not {"after_id", "next_after", "next_after_id"} & set(schemas[ref]["properties"]), path


def test_errors_are_declared_with_the_problem_schema(document: dict[str, Any]) -> None:
    for method, path, op in operations(document):
        if path.startswith("/v1/") and path != "/v1/whoami":
            assert {"401", "404", "413", "422"} <= set(op["responses"]), (method, path)
            if method != "get":
                assert {"409", "503"} <= set(op["responses"]), (method, path)
            assert op["responses"]["401"]["content"]["application/problem+json"]["schema"]["$ref"].endswith("Problem")


def test_operations_are_named_by_their_handlers(document: dict[str, Any]) -> None:
    names = [op["operationId"] for _, _, op in operations(document)]
    assert len(names) == len(set(names)) and "create_quote" in names and "report_order" in names


def test_every_app_serves_the_routes_as_their_modules_defined_them() -> None:
    """Apps built in one process (one per test, here) share the route objects: no handler is analysed again for
    each app (an included router would be, on the app's first request); `operationId` is still the handler's."""
    first, second = (create_app(database_url="sqlite://:memory:") for _ in range(2))
    def operations(app: FastAPI) -> list[APIRoute]:
        return [route for route in app.router.routes if isinstance(route, APIRoute) and route.include_in_schema]

    assert len(operations(first)) > 60
    assert all(a is b for a, b in zip(operations(first), operations(second), strict=True))
    assert {type(route) for route in first.router.routes} <= {APIRoute, DirectRoute, Route, Mount}  # none included
    assert all(route.unique_id == route.name for route in operations(first))


MONEY_PATTERN = r"^\d{1,13}(\.\d{1,2})?$"
# every request field that takes money (yuan text, `Yuan` in api/common/schemas.py)
MONEY_IN = {("LineItem", "price"), ("SupplierCommission", "amount"), ("OrderEventPost", "amount"),
            ("ShelfPut", "price"), ("ProductIn", "price"), ("PriceReference", "price"), ("DisputeOpen", "amount"),
            ("DepositMovementIn", "amount"), ("DepositPaymentIn", "amount"),
            ("SupplierApplicationIn", "registered_capital"), ("SupplierApplicationIn", "deposit_paid")}


def test_money_in_a_request_documents_how_it_is_written(document: dict[str, Any]) -> None:
    """Money is yuan text ("28.90"): the document says so, so a client (and the API fuzz) can write it. The pattern
    once sat after the validator that refuses numbers, where pydantic checks it but leaves it out of the schema."""
    assert TypeAdapter(Yuan).json_schema()["pattern"] == MONEY_PATTERN
    schemas = document["components"]["schemas"]
    for model, field in MONEY_IN:
        prop = schemas[model]["properties"][field]
        patterns = [prop.get("pattern")] + [choice.get("pattern") for choice in prop.get("anyOf", [])]
        assert MONEY_PATTERN in patterns, (model, field, prop)
