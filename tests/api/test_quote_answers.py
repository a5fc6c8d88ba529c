"""A repeated quote is answered with the bytes written for it the first time, its moment put in its place
(api/commission/quote_answers.py): byte for byte the answer FastAPI writes for the same basket at the same moment,
whichever handler answers; a new version, tier or listing term is a new basket."""

from __future__ import annotations

import random
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from api.commission import quote_answers
from tests.api.test_direct_route import QUOTE, fastapi_handlers
from tests.commerce.helpers import bearer
from tests.conftest import MakeKey

CATEGORIES = ["fresh_fruit", "snacks", "cosmetics", "baby_care", "womens_clothing", "shoes", "electronics"]
MOMENTS = ["2026-11-05T02:00:00Z", "2026-12-08T10:00:00.250000Z", "2027-01-01T00:00:00Z"]


def basket(rnd: random.Random) -> dict[str, Any]:
    return {"items": [{"sku": f"SKU-{n}-{rnd.randint(0, 9)}", "category": rnd.choice(CATEGORIES),
                       "price": f"{rnd.randint(1, 99_999)}.{rnd.randint(0, 99):02d}", "quantity": rnd.randint(1, 5)}
                      for n in range(rnd.randint(1, 4))]}


async def test_a_kept_answer_is_fastapis_own_byte_for_byte(app: FastAPI, client: httpx.AsyncClient,
                                                           make_key: MakeKey, monkeypatch: pytest.MonkeyPatch) -> None:
    key = bearer(await make_key("storefront"))
    rnd = random.Random(7)
    for _ in range(25):
        body = {**basket(rnd), "as_of": rnd.choice(MOMENTS)}
        quote_answers.forget()
        monkeypatch.setattr("api.commission.quotes.written_answer", lambda key, moment: None)
        monkeypatch.setattr("api.commission.quotes.write_answer", lambda request, key, content: content)
        own = await client.post(QUOTE, json=body, headers=key)
        with fastapi_handlers(app):
            handler = await client.post(QUOTE, json=body, headers=key)
        monkeypatch.undo()
        first = await client.post(QUOTE, json=body, headers=key)  # written, and kept
        again = await client.post(QUOTE, json=body, headers=key)  # from what was kept
        assert own.status_code == handler.status_code == first.status_code == again.status_code == 200
        assert own.content == handler.content == first.content == again.content, body
        assert {**own.headers, "x-request-id": ""} == {**again.headers, "x-request-id": ""}


async def test_a_kept_answer_takes_each_asks_moment(client: httpx.AsyncClient, make_key: MakeKey) -> None:
    key = bearer(await make_key("storefront"))
    body = basket(random.Random(3))
    answers = [(await client.post(QUOTE, json={**body, "as_of": moment}, headers=key)).json() for moment in MOMENTS]
    assert [answer["as_of"] for answer in answers] == ["2026-11-05T02:00:00Z", "2026-12-08T10:00:00.250000Z",
                                                        "2027-01-01T00:00:00Z"]
    assert all({**answer, "as_of": None} == {**answers[0], "as_of": None} for answer in answers)
    now = await client.post(QUOTE, json=body, headers=key)  # no moment given: the server's
    assert now.json()["as_of"] not in MOMENTS and now.json()["as_of"].endswith("Z")


async def test_a_new_tier_or_term_is_a_new_basket(client: httpx.AsyncClient, make_key: MakeKey) -> None:
    key = bearer(await make_key("storefront"))
    line = {"sku": "APPLE", "category": "fresh_fruit", "price": "28.90"}
    first = (await client.post(QUOTE, json={"items": [line]}, headers=key)).json()
    dearer = (await client.post(QUOTE, json={"items": [{**line, "price": "128.90"}]}, headers=key)).json()
    assert first["items"][0]["commission"] != dearer["items"][0]["commission"]
    assert (await client.post("/v1/sellers", json={"seller_id": "S-TIER"}, headers=key)).status_code == 201
    tiered = (await client.post(QUOTE, json={"seller_id": "S-TIER", "items": [line]}, headers=key)).json()
    assert tiered["seller_tier"] is not None and first["seller_tier"] is None
