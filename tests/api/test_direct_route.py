"""A well-formed call is answered by its route's plan (api/common/direct_route.py), anything else by FastAPI's own
handler; either way the caller gets the answer FastAPI would give: the same status, headers and body, byte for
byte, for well-formed, malformed, unauthenticated, refused and replayed calls."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import fastapi.routing
import httpx
import pytest
from fastapi import FastAPI
from starlette.requests import Request

from api.common.direct_route import DirectRoute
from tests.clock import advance_to
from tests.commerce.helpers import APPLES, PAID_AT, bearer, listed_goods, ok
from tests.listings import listed

pytestmark = pytest.mark.asyncio

QUOTE = "/v1/commission/quotes"
JSON = "application/json"
ORDER = {"seller_id": "S-1", "buyer_id": "b1", "paid_at": PAID_AT, "items": listed([APPLES])}  # listed_goods() first


@contextmanager
def fastapi_handlers(app: FastAPI) -> Iterator[None]:
    """Every route answered by FastAPI's handler, as if no route had a plan."""
    routes = [route for route in app.router.routes if isinstance(route, DirectRoute)]
    plans = [route.plan for route in routes]
    for route in routes:
        route.plan = None
    try:
        yield
    finally:
        for route, plan in zip(routes, plans, strict=True):
            route.plan = plan


class FastapiHandlerRuns:
    """How many calls FastAPI's handler answered: it parses a JSON body with `Request.json` (a plan never does)
    and solves the route's dependencies (unless the body did not parse)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        solve, parse = fastapi.routing.solve_dependencies, Request.json

        async def solving(**kwargs: Any) -> Any:
            self.count += 1
            return await solve(**kwargs)

        async def parsing(request: Request) -> Any:
            self.count += 1
            return await parse(request)

        monkeypatch.setattr(fastapi.routing, "solve_dependencies", solving)
        monkeypatch.setattr(Request, "json", parsing)


def calls(storefront: str, reviewer: str) -> list[tuple[str, bool, str, str, dict[str, str], bytes]]:
    """(name, answered directly, method, path, headers, body)."""
    sf, rv = bearer(storefront), bearer(reviewer)
    js = {"content-type": JSON}
    quote = b'{"items": [{"sku": "APPLE-5KG", "category": "fresh_fruit", "price": "28.90", "quantity": 1}]}'
    order = httpx.Request("PUT", "/", json=ORDER).content
    return [
        ("quote", True, "POST", QUOTE, sf | js, quote),
        ("quote, charset given", True, "POST", QUOTE, sf | {"content-type": "application/json; charset=utf-8"}, quote),
        ("quote for a store", True, "POST", QUOTE, sf | js, quote[:-1] + b', "seller_id": "S-1"}'),
        ("quote for no such store", True, "POST", QUOTE, sf | js, quote[:-1] + b', "seller_id": "S-NONE"}'),
        ("quote of an unlisted product", True, "POST", QUOTE, sf | js,
         quote.replace(b'"quantity": 1', b'"quantity": 1, "supplier_id": "SUP-91330100MA2AXXXX99"')),
        ("quote without a key", True, "POST", QUOTE, js, quote),
        ("quote with a reviewer's key", True, "POST", QUOTE, rv | js, quote),
        ("quote as text/plain", False, "POST", QUOTE, sf | {"content-type": "text/plain"}, quote),
        ("quote without a content type", False, "POST", QUOTE, sf, quote),
        ("quote with no body", False, "POST", QUOTE, sf | js, b""),
        ("malformed quote", False, "POST", QUOTE, sf | js, b'{"items": ['),
        ("malformed quote without a key", False, "POST", QUOTE, js, b'{"items": ['),
        ("quote that is not UTF-8", False, "POST", QUOTE, sf | js, b'{"items": "\xff\xfe"}'),
        ("quote with a bad price", False, "POST", QUOTE, sf | js, quote.replace(b"28.90", b"28.9x")),
        ("quote with an unknown field", False, "POST", QUOTE, sf | js, quote[:-1] + b', "coupon": "X"}'),
        ("quote with an empty basket", False, "POST", QUOTE, sf | js, b'{"items": []}'),
        ("order replayed", True, "PUT", "/v1/orders/O-1", sf | js, order),
        ("order id reused for another order", True, "PUT", "/v1/orders/O-1", sf | js,
         order.replace(b'"b1"', b'"b2"')),
        ("order id too long", False, "PUT", "/v1/orders/" + "O" * 300, sf | js, order),
        ("order without a buyer", False, "PUT", "/v1/orders/O-2", sf | js, order.replace(b'"buyer_id"', b'"buyer"')),
        ("store opened again", True, "POST", "/v1/sellers", sf | js, b'{"seller_id": "S-1"}'),
        ("store read", True, "GET", "/v1/sellers/S-1", sf, b""),
        ("store read by a reviewer", True, "GET", "/v1/sellers/S-1", rv, b""),
        ("ledger", True, "GET", "/v1/sellers/S-1/commission-lines", sf, b""),
        ("ledger by status", True, "GET", "/v1/sellers/S-1/commission-lines?status=pending", sf, b""),
        ("ledger by no such status", False, "GET", "/v1/sellers/S-1/commission-lines?status=bogus", sf, b""),
        ("ledger after no line", False, "GET", "/v1/sellers/S-1/commission-lines?after=first", sf, b""),
    ]


async def test_both_handlers_give_the_same_answer_and_well_formed_calls_skip_fastapis(
        app: FastAPI, client: httpx.AsyncClient, make_key: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    advance_to(PAID_AT)  # held: a quote's as_of is the clock's time, the same for both handlers
    storefront, reviewer = await make_key("storefront"), await make_key("reviewer")
    await ok(await client.post("/v1/sellers", json={"seller_id": "S-1"}, headers=bearer(storefront)))
    await listed_goods(client, [APPLES])
    await ok(await client.put("/v1/orders/O-1", json=ORDER, headers=bearer(storefront)), 201)
    fastapi_ran = FastapiHandlerRuns(monkeypatch)
    for number, (name, direct, method, path, headers, body) in enumerate(calls(storefront, reviewer)):
        headers = headers | {"x-request-id": f"compare-{number}"}  # problem bodies name it
        before = fastapi_ran.count
        mine = await client.request(method, path, headers=headers, content=body)
        assert (fastapi_ran.count == before) is direct, name
        before = fastapi_ran.count
        with fastapi_handlers(app):
            theirs = await client.request(method, path, headers=headers, content=body)
        assert fastapi_ran.count > before, name
        assert (mine.status_code, mine.headers.multi_items(), mine.content) == (
            theirs.status_code, theirs.headers.multi_items(), theirs.content), name


async def test_the_calls_storefronts_make_most_have_a_plan(app: FastAPI) -> None:
    """A FastAPI upgrade that changed how routes describe themselves would quietly send every call the slow way."""
    planned = {(method, route.path) for route in app.router.routes if isinstance(route, DirectRoute) and route.plan
               for method in route.methods}
    assert {("POST", QUOTE), ("PUT", "/v1/orders/{order_id}"), ("POST", "/v1/orders/{order_id}/events"),
            ("GET", "/v1/sellers/{seller_id}/commission-lines")} <= planned
