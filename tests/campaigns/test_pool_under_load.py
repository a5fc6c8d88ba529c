"""The pool under load on PostgreSQL: 200 attributed orders at once, in one process and on two server
processes, never reserve more than the cap; every order earns or is told why; refunds return budget."""

from __future__ import annotations

import asyncio
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from api.app import create_app
from tests.browser import served
from tests.campaigns.helpers import APPLES, CAMPAIGN, DEC_8, LIPSTICK, Sharing, small_pool_policies
from tests.clock import ClockFile
from tests.commerce.helpers import bearer, ok, supply_through
from tests.listings import SERVED_SUPPLY_KEYS, SUPPLY_DEV_KEYS

pytestmark = pytest.mark.postgres
ORDERS = 200
SHARERS = 40
CAP = Decimal("100.00")


@pytest.fixture
def postgres_url(database_url: str) -> str:
    if not database_url.startswith("postgres"):
        pytest.skip("concurrent writers need PostgreSQL (SQLite serializes every transaction on one connection)")
    return database_url


@pytest.fixture
def app(postgres_url: str, tmp_path: Path) -> FastAPI:
    return create_app(database_url=f"{postgres_url}?maxsize=20", tick_seconds=0,
                      policy_path=small_pool_policies(tmp_path))


def basket(n: int) -> list[dict[str, Any]]:
    """Rewards of 0.58, 5.00 or 5.58: demand (about RMB 740) is far above the RMB 100.00 pool."""
    return [[APPLES], [LIPSTICK], [APPLES, LIPSTICK]][n % 3]


async def share_lists(shop: Sharing) -> None:
    await shop.open_store("S-1")
    for n in range(SHARERS):
        await ok(await shop.share(f"L-{n}", f"CONSUMER-{n}"), 201)


def check_pool(rewards: list[dict[str, Any]], view: dict[str, Any]) -> None:
    """The cap holds, the counters equal the rows, every order earned or was told why."""
    held = {"reserved": Decimal(0), "committed": Decimal(0)}
    for reward in rewards:
        if reward["state"] in held:
            held[reward["state"]] += Decimal(reward["amount"])
        elif reward["state"] == "released":
            assert (reward["code"], reward["amount"]) == ("refunded", "0.00"), reward
        else:
            assert reward["code"] in ("budget_exhausted",) and reward["rule"] == "share_to_earn_1212_terms", reward
            assert reward["reason"]
    assert (Decimal(view["reserved"]), Decimal(view["committed"])) == (held["reserved"], held["committed"])
    assert Decimal(view["reserved"]) + Decimal(view["committed"]) <= CAP == Decimal(view["budget"])


async def test_200_concurrent_orders_in_one_process(client: httpx.AsyncClient, make_key: Any) -> None:
    shop = Sharing(client, await make_key("storefront"))
    await share_lists(shop)
    responses = await asyncio.gather(*(shop.buy(f"O-{n}", f"L-{n % SHARERS}", items=basket(n))
                                       for n in range(ORDERS)))
    assert [r.status_code for r in responses] == [201] * ORDERS, [r.text for r in responses if r.status_code != 201]
    rewards = [r.json()["campaign_reward"] for r in responses]
    view = await shop.campaign()
    check_pool(rewards, view)
    assert view["remaining"] == "0.00"  # demand exceeds the pool: a short pool pays what is left, to the fen
    assert view["orders"]["refused"] > 0
    earning = [n for n, reward in enumerate(rewards) if reward["state"] == "reserved"]
    confirm, refund = earning[::2], earning[1::2]
    events = [shop.event(f"O-{n}", f"E-{n}", "receipt_confirmed", "2026-12-10T10:00:00+08:00") for n in confirm]
    events += [shop.event(f"O-{n}", f"E-{n}", "refunded", "2026-12-10T10:00:00+08:00") for n in refund]
    answers = await asyncio.gather(*events)
    assert {a.status_code for a in answers} == {201}
    rewards = [(await ok(await client.get(f"/v1/orders/O-{n}", headers=shop.headers)))["campaign_reward"]
               for n in range(ORDERS)]
    view = await shop.campaign()
    check_pool(rewards, view)
    returned = sum(Decimal(r.json()["campaign_reward"]["amount"]) for n, r in enumerate(responses) if n in refund)
    assert (Decimal(view["reserved"]), Decimal(view["remaining"])) == (Decimal(0), returned)
    again = await shop.reward("O-AGAIN", "L-0", items=[LIPSTICK])
    assert (again["state"], again["amount"]) == ("reserved", "5.00")  # refunded budget earns again


def test_200_concurrent_orders_on_two_server_processes(postgres_url: str, tmp_path: Path) -> None:
    key = "xpk_campaign_shopshopshopshop"
    env = {"XIAOPU_POLICY_PATH": str(small_pool_policies(tmp_path)), **ClockFile(tmp_path / "clock", DEC_8).env()}
    url = f"{postgres_url}?maxsize=20"
    keys = {"storefront": key, **SERVED_SUPPLY_KEYS}
    with served(url, keys, **env) as first, served(url, keys, **env) as second:
        rewards, view = asyncio.run(_orders_on_both(first, second, bearer(key)))
    check_pool(rewards, view)
    assert view["remaining"] == "0.00"
    assert sum(view["orders"].values()) == ORDERS


async def _orders_on_both(first: str, second: str, headers: dict[str, str]
                          ) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    async with httpx.AsyncClient(base_url=first, timeout=120) as one, \
            httpx.AsyncClient(base_url=second, timeout=120) as two:
        supply_through(one, SUPPLY_DEV_KEYS)
        supply_through(two, SUPPLY_DEV_KEYS, like=one)
        await share_lists(Sharing(one, headers["Authorization"].removeprefix("Bearer ")))
        shops = [Sharing(one, headers["Authorization"].removeprefix("Bearer ")),
                 Sharing(two, headers["Authorization"].removeprefix("Bearer "))]
        responses = await asyncio.gather(*(shops[n % 2].buy(f"O-{n}", f"L-{n % SHARERS}", items=basket(n),
                                                           paid_at=DEC_8) for n in range(ORDERS)))
        assert [r.status_code for r in responses] == [201] * ORDERS, [r.text for r in responses
                                                                      if r.status_code != 201][:3]
        view = await ok(await one.get(f"/v1/campaigns/{CAMPAIGN}", headers=headers))
        return [r.json()["campaign_reward"] for r in responses], view
