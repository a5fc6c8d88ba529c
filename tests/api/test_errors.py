"""Every error is RFC 9457 problem details, declared in OpenAPI, and never leaks internals."""

from __future__ import annotations

import logging

import httpx
import pytest

PROBLEM_MEMBERS = {"type", "title", "status", "detail", "code"}


def problem(response: httpx.Response, status: int, code: str) -> dict[str, object]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body.keys() >= PROBLEM_MEMBERS
    assert (body["status"], body["code"], body["type"]) == (status, code, f"urn:xiaopu:problem:{code}")
    assert isinstance(body["title"], str) and body["title"] and isinstance(body["detail"], str) and body["detail"]
    return dict(body)


@pytest.mark.parametrize(("method", "path", "status", "code"), [
    pytest.param("GET", "/no/such/route", 404, "not_found", id="unknown-route"),
    pytest.param("DELETE", "/healthz", 405, "method_not_allowed", id="wrong-method"),
])
async def test_routing_errors_are_problems(client: httpx.AsyncClient, method: str, path: str, status: int,
                                           code: str) -> None:
    problem(await client.request(method, path), status, code)


async def test_api_error_subclass_carries_its_status_code_and_extras(client: httpx.AsyncClient) -> None:
    body = problem(await client.get("/_probe/gone"), 410, "parcel_gone")
    assert (body["title"], body["detail"], body["collected_by"]) == ("Parcel gone", "The parcel was collected.", "S-1")


@pytest.mark.parametrize(("kwargs", "fields"), [
    pytest.param({"json": {"sku": "A"}}, {"body.quantity": "missing"}, id="missing-field"),
    pytest.param({"json": {"sku": "", "quantity": 0}, "params": {"limit": 101}},
                 {"body.sku": "string_too_short", "body.quantity": "greater_than_equal",
                  "query.limit": "less_than_equal"}, id="three-fields"),
    pytest.param({"json": {"sku": "A", "quantity": "many"}}, {"body.quantity": "int_parsing"}, id="wrong-type"),
    pytest.param({"content": b"{not json", "headers": {"content-type": "application/json"}},
                 {"body": "json_invalid"}, id="malformed-json"),
])
async def test_invalid_input_is_422_naming_each_field(client: httpx.AsyncClient, kwargs: dict[str, object],
                                                      fields: dict[str, str]) -> None:
    body = problem(await client.post("/_probe/parcels", **kwargs), 422, "invalid_input")  # type: ignore[arg-type]
    errors = body["errors"]
    assert isinstance(errors, list)
    assert {e["field"]: e["code"] for e in errors} == fields
    assert all(isinstance(e["message"], str) and e["message"] for e in errors)
    for field in fields:
        assert field in str(body["detail"])


async def test_valid_input_passes(client: httpx.AsyncClient) -> None:
    response = await client.post("/_probe/parcels", json={"sku": "A", "quantity": 2}, params={"limit": 5})
    assert response.json() == {"quantity": 2, "limit": 5}


async def test_unhandled_error_is_a_bare_500_and_is_logged(client: httpx.AsyncClient,
                                                           caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.ERROR, logger="xiaopu.api"):
        response = await client.get("/_probe/crash")
    body = problem(response, 500, "internal_error")
    assert set(body) == PROBLEM_MEMBERS | {"request_id"}
    assert body["request_id"] == response.headers["x-request-id"]
    for leak in ("hunter2", "secret.py", "RuntimeError", "Traceback", "File "):
        assert leak not in response.text
    record = next(r for r in caplog.records if r.name == "xiaopu.api")
    assert record.exc_info and "hunter2" in str(record.exc_info[1]) and "/_probe/crash" in record.getMessage()
    assert (await client.get("/healthz")).status_code == 200  # the app keeps serving


async def test_openapi_declares_problem_responses(client: httpx.AsyncClient) -> None:
    spec = (await client.get("/openapi.json")).json()
    responses = spec["paths"]["/v1/whoami"]["get"]["responses"]
    for status in ("401", "403", "422", "500"):
        assert responses[status]["content"] == {
            "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    problem_schema = spec["components"]["schemas"]["Problem"]
    assert set(problem_schema["required"]) >= PROBLEM_MEMBERS
    assert spec["components"]["schemas"]["FieldProblem"]["required"] == ["field", "code", "message"]
    assert spec["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"


async def test_docs_page_is_served(client: httpx.AsyncClient) -> None:
    response = await client.get("/docs")
    assert response.status_code == 200 and "swagger" in response.text.lower()


async def test_a_crash_in_a_mutating_call_is_a_bare_500_and_audited(client: httpx.AsyncClient,
                                                                     caplog: pytest.LogCaptureFixture) -> None:
    from store.audit import AuditEntry

    with caplog.at_level(logging.ERROR, logger="xiaopu.api"):
        response = await client.post("/_probe/crash/T-1", json={"event_id": "E-9"},
                                     headers={"X-Request-ID": "crash-1", "Authorization": "Bearer xpk_a_secret"})
    body = problem(response, 500, "internal_error")
    assert body["request_id"] == "crash-1" == response.headers["x-request-id"]
    for leak in ("hunter2", "RuntimeError", "Traceback", "File ", "xpk_a_secret", "T-1"):
        assert leak not in response.text
    [entry] = await AuditEntry.filter(request_id="crash-1")
    assert (entry.status, entry.route, entry.resource_id, entry.caller_id, entry.key_id) == (
        500, "/_probe/crash/{thing_id}", "thing_id=T-1", "event_id=E-9", None)
