"""The JSON API's reads take the short path (api/common/middleware/api_lane.py) and get, byte for byte, the answer
the general middleware stack gives: the same status, headers and body, one access-log line each; while every
mutation, page, unknown path and wrong method still goes through the stack (the audit trail, the page layers)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from starlette.types import Receive, Scope, Send

from api.common.middleware.api_lane import ApiLane
from tests.api.test_direct_route import ORDER, QUOTE, calls
from tests.clock import advance_to, period_ended
from tests.commerce.helpers import APPLES, PAID_AT, bearer, listed_goods, ok

pytestmark = pytest.mark.asyncio

JSON = {"content-type": "application/json"}
A_QUOTE = b'{"items": [{"sku": "APPLE-5KG", "category": "fresh_fruit", "price": "28.90", "quantity": 1}]}'


class StackCalls:
    """How many requests the lane handed to the general stack."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        call = ApiLane.__call__

        async def counting(lane: ApiLane, scope: Scope, receive: Receive, send: Send) -> None:
            stack = lane.stack

            async def counted(scope: Scope, receive: Receive, send: Send) -> None:
                self.count += scope["type"] == "http"
                await stack(scope, receive, send)

            lane.stack = counted
            try:
                await call(lane, scope, receive, send)
            finally:
                lane.stack = stack

        monkeypatch.setattr(ApiLane, "__call__", counting)


@contextmanager
def general_stack_only() -> Iterator[None]:
    """Every request through the general stack, as before the lane."""
    route_of = ApiLane._route
    ApiLane._route = lambda lane, scope: None  # type: ignore[assignment,method-assign,return-value]
    try:
        yield
    finally:
        ApiLane._route = route_of  # type: ignore[method-assign]


def more_calls(storefront: str) -> list[tuple[str, bool, str, str, dict[str, str], bytes]]:
    """(name, in the lane, method, path, headers, body): what the lane refuses or leaves to the stack."""
    sf = bearer(storefront)
    return [
        ("quote holding a NUL", True, "POST", QUOTE, sf | JSON, A_QUOTE.replace(b"APPLE-5KG", b"APPLE\\u0000")),
        ("quote over the body limit", True, "POST", QUOTE, sf | JSON, A_QUOTE[:-1] + b', "x": "' + b"y" * 1_100_000
         + b'"}'),
        ("NUL in the query", True, "GET", "/v1/sellers/S-1/commission-lines?status=%00", sf, b""),
        ("who am I", True, "GET", "/v1/whoami", sf, b""),
        ("a statement as a page (HTML: the pages' headers)", True, "GET", "/v1/sellers/S-1/statements/2026-11",
         sf | {"accept": "text/html"}, b""),
        ("a statement as JSON", True, "GET", "/v1/sellers/S-1/statements/2026-11", sf, b""),
        ("who am I, without a key", True, "GET", "/v1/whoami", {}, b""),
        ("HEAD of a read", False, "HEAD", "/v1/whoami", sf, b""),
        ("quote by GET", False, "GET", QUOTE, sf, b""),
        ("unknown path", False, "GET", "/v1/nothing-here", sf, b""),
        ("a page", False, "GET", "/review", {}, b""),
        ("metrics", False, "GET", "/metrics", {}, b""),
    ]


async def test_the_lane_answers_as_the_stack_does_and_leaves_the_rest_to_it(
        app: FastAPI, client: httpx.AsyncClient, make_key: Any, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    advance_to(PAID_AT)
    storefront, reviewer, admin = [await make_key(role) for role in ("storefront", "reviewer", "policy_admin")]
    await ok(await client.post("/v1/sellers", json={"seller_id": "S-1"}, headers=bearer(storefront)))
    await listed_goods(client, [APPLES])
    await ok(await client.put("/v1/orders/O-1", json=ORDER, headers=bearer(storefront)), 201)
    advance_to("2026-11-08T02:00:00Z")
    receipt = {"event_id": "E1", "type": "receipt_confirmed", "at": "2026-11-08T10:00:00+08:00"}
    await ok(await client.post("/v1/orders/O-1/events", json=receipt, headers=bearer(storefront)))
    await ok(await client.post("/v1/jobs/tick", json={"as_of": "2026-11-08T02:00:00Z"}, headers=bearer(admin)))
    period_ended("2026-11")  # held: a quote's as_of is the clock's time, the same on both paths
    await ok(await client.post("/v1/settlements", json={"period": "2026-11"}, headers=bearer(admin)))
    stack = StackCalls(monkeypatch)
    cases = [(name, method == "GET" or path == QUOTE, method, path, headers, body)  # orders, new stores: audited
             for name, _, method, path, headers, body in calls(storefront, reviewer)]
    cases += more_calls(storefront)
    assert sum(in_lane for _, in_lane, *_ in cases) >= 25
    for number, (name, in_lane, method, path, headers, body) in enumerate(cases):
        headers = headers | {"x-request-id": f"lane-{number}"}  # problem bodies name it
        with caplog.at_level(logging.INFO, logger="xiaopu.access"):
            caplog.clear()
            before = stack.count
            mine = await client.request(method, path, headers=headers, content=body)
            assert (stack.count == before) is in_lane, name
            with general_stack_only():
                theirs = await client.request(method, path, headers=headers, content=body)
            assert stack.count > before, name
            lines = [r for r in caplog.records if r.name == "xiaopu.access"]
        assert (mine.status_code, mine.headers.multi_items(), mine.content) == (
            theirs.status_code, theirs.headers.multi_items(), theirs.content), name
        assert len(lines) == 2, name  # one access-log line per request, on either path
        mine_line, theirs_line = (dict(getattr(r, "xiaopu_fields", {})) for r in lines)
        mine_line.pop("ms"), theirs_line.pop("ms")
        assert mine_line == theirs_line, name


async def test_an_unexpected_error_in_the_lane_is_a_logged_500_problem(
        app: FastAPI, client: httpx.AsyncClient, make_key: Any, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    storefront = await make_key("storefront")
    stack = StackCalls(monkeypatch)

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("a bug in the quote path")

    monkeypatch.setattr("api.commission.quotes.quote_keyed_basket", broken)
    with caplog.at_level(logging.INFO, logger="xiaopu"):
        answer = await client.post(QUOTE, content=A_QUOTE, headers=bearer(storefront) | JSON)
    assert stack.count == 0
    assert answer.status_code == 500, answer.text
    problem = answer.json()
    assert problem["code"] == "internal_error" and "bug" not in answer.text
    assert problem["request_id"] == answer.headers["x-request-id"]
    [error] = [r for r in caplog.records if r.name == "xiaopu.api" and r.levelno == logging.ERROR]
    assert "a bug in the quote path" in str(error.exc_info[1]) if error.exc_info else False
    [line] = [r for r in caplog.records if r.name == "xiaopu.access"]
    assert getattr(line, "xiaopu_fields", {})["status"] == 500


async def test_the_quote_and_reads_have_a_lane(app: FastAPI, client: httpx.AsyncClient, make_key: Any,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """A FastAPI upgrade that changed how routes match would quietly send every quote through the stack again."""
    storefront = await make_key("storefront")
    stack = StackCalls(monkeypatch)
    await ok(await client.post(QUOTE, content=A_QUOTE, headers=bearer(storefront) | JSON))
    await ok(await client.get("/v1/whoami", headers=bearer(storefront)))
    assert stack.count == 0
