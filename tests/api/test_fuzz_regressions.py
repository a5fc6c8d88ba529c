"""Bugs the fuzzers found through the API, each answered now with a 4xx problem instead of a 500."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from api.common.middleware.input_guard import NUL_FORM, NUL_JSON, holds_nul
from engine import load_policy_set
from engine.loader import policy_bundle
from tests.commerce.helpers import bearer
from tests.conftest import MakeKey

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("period", ["0000-01", "0001-01", "9999-12"])
async def test_a_settlement_period_outside_the_calendar_is_422(client: httpx.AsyncClient, make_key: MakeKey,
                                                               period: str) -> None:
    """Found by the API fuzz: `{"period": "0000-01"}` raised ValueError (year 0) in period_bounds, a 500."""
    admin = await make_key("policy_admin")
    response = await client.post("/v1/settlements", json={"period": period}, headers=bearer(admin))
    assert (response.status_code, response.json()["code"]) == (422, "invalid_period"), response.text
    statement = await client.get(f"/v1/sellers/S-1/statements/{period}", headers=bearer(admin))
    assert (statement.status_code, statement.json()["code"]) == (422, "invalid_period"), statement.text


async def test_publishing_text_with_a_lone_surrogate_is_422(client: httpx.AsyncClient, make_key: MakeKey) -> None:
    """JSON may carry `\\ud800`, which no UTF-8 file can hold: the API refuses it at the edge (pydantic's
    string_unicode), and the loader itself reports not_utf8 (tests/engine/test_fuzz_loader.py)."""
    files = policy_bundle(load_policy_set(ROOT))
    files["policies.yaml"] = files["policies.yaml"].replace("\n", "\n# \ud800\n", 1)
    body = json.dumps({"files": files, "message": "broken"})  # ASCII: the surrogate travels as an escape
    response = await client.post("/v1/policy-versions", content=body, headers={
        **bearer(await make_key("policy_admin")), "Content-Type": "application/json"})
    assert response.status_code == 422, response.text
    problem = response.json()
    assert problem["code"] == "invalid_input"
    assert [(e["field"], e["code"]) for e in problem["errors"]] == [("body.files.policies.yaml", "string_unicode")]


@pytest.mark.parametrize("moment", ["0001-01-01T00:00:00+01:00", "9999-12-31T23:00:00-05:00", "1969-12-31T23:59:59Z",
                                    "3000-01-01T00:00:00Z"])
async def test_a_time_outside_1970_to_2999_is_422(client: httpx.AsyncClient, make_key: MakeKey, moment: str) -> None:
    """Found by the API fuzz: `0001-01-01T00:00:00+01:00` raised OverflowError converting to UTC, a 500 on
    quotes and order events; a time near 9999 overflows once a deadline is added to it."""
    shop = bearer(await make_key("storefront"))
    quote = await client.post("/v1/commission/quotes", headers=shop, json={
        "as_of": moment, "items": [{"sku": "A", "category": "fresh_fruit", "price": "28.90"}]})
    event = await client.post("/v1/orders/O-1/events", headers=shop, json={
        "event_id": "E-1", "type": "closed", "at": moment})
    seller = await client.get("/v1/sellers/S-1", params={"as_of": moment}, headers=shop)
    for response, field in ((quote, "body.as_of"), (event, "body.at"), (seller, "query.as_of")):
        assert response.status_code == 422, response.text
        assert [e["field"] for e in response.json()["errors"]] == [field]


async def test_a_seller_as_of_needs_an_offset(client: httpx.AsyncClient, make_key: MakeKey) -> None:
    response = await client.get("/v1/sellers/S-1", params={"as_of": "2026-11-05T10:00:00"},
                                headers=bearer(await make_key("storefront")))
    assert response.status_code == 422 and response.json()["errors"][0]["code"] == "timezone_aware"


@pytest.mark.parametrize(("role", "path"), [
    pytest.param("storefront", "/v1/sellers/S-CUR/commission-lines", id="commission-lines"),
    pytest.param("reviewer", "/v1/policy-versions", id="policy-versions"),
    pytest.param("reviewer", "/v1/policy-shadow", id="policy-shadow"),
])
async def test_a_cursor_beyond_64_bits_is_422(client: httpx.AsyncClient, make_key: MakeKey, role: str,
                                              path: str) -> None:
    """Found while fuzzing: `after_id=2**63` reached the driver (SQLite: OverflowError, a 500)."""
    key = bearer(await make_key(role))
    await client.post("/v1/sellers", json={"seller_id": "S-CUR"}, headers=bearer(await make_key("storefront")))
    too_big = await client.get(path, params={"after": 2**63}, headers=key)
    assert too_big.status_code == 422 and too_big.json()["errors"][0]["field"] == "query.after", too_big.text
    largest = await client.get(path, params={"after": 2**63 - 1}, headers=key)
    assert largest.status_code in (200, 404), largest.text  # policy-shadow: 404 until a run was started


@pytest.mark.parametrize(("method", "url", "kwargs", "field"), [
    pytest.param("GET", "/v1/supplier-applications?after=S%00X", {}, "query", id="query"),
    pytest.param("GET", "/v1/sellers/S%00X", {}, "path", id="path"),
    pytest.param("POST", "/v1/policy-versions/rollback", {"json": {"message": "back\u0000"}}, None, id="json-body"),
    pytest.param("POST", "/review/sign-in", {"data": {"key": "k\u0000"}}, None, id="form-body"),
])
async def test_a_nul_character_anywhere_is_422(client: httpx.AsyncClient, make_key: MakeKey, method: str, url: str,
                                               kwargs: dict[str, object], field: str | None) -> None:
    """Found by the API fuzz on PostgreSQL: `?after=` with U+0000 reached asyncpg (invalid byte sequence), a 500;
    the same held for any free text (messages, reasons, names) bound for a text column."""
    role = "reviewer" if "supplier-applications" in url else "storefront" if "sellers" in url else "policy_admin"
    response = await client.request(method, url, headers=bearer(await make_key(role)), **kwargs)  # type: ignore[arg-type]
    if url.startswith("/review/"):  # a page answers a page, naming the code
        assert response.status_code == 422 and "nul_character" in response.text, response.text
        return
    assert (response.status_code, response.json()["code"]) == (422, "nul_character"), response.text
    if field:
        assert response.json()["errors"][0]["field"] == field


async def test_an_escaped_backslash_before_u0000_is_just_text(client: httpx.AsyncClient, make_key: MakeKey) -> None:
    response = await client.post("/v1/policy-versions/rollback", json={"message": "path C:\\u0000 is text"},
                                 headers=bearer(await make_key("policy_admin")))
    assert response.json().get("code") != "nul_character", response.text


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([b"\x00", b"\\", b"\\\\", b"\\u0000", b"\\U0000", b"u0000", b"0000", b"%00", b"%0",
                                 b"0", b"a", b'"', b"{", b"\xff"]), max_size=12), st.booleans())
def test_the_nul_check_finds_what_the_patterns_find(pieces: list[bytes], form: bool) -> None:
    """The guard runs its pattern only on a window holding a hint of a NUL: never a NUL missed for the speed."""
    pattern, window = NUL_FORM if form else NUL_JSON, b"".join(pieces)
    assert holds_nul(pattern, window) == (pattern.search(window) is not None)
