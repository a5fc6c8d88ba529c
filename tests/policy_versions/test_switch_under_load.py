"""Publish, schedule and roll back while quotes keep coming: no request fails, every response names the
version that produced it (its commission is that version's), and every serving process follows."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

from api.app import create_app
from store import clock
from store.api_keys import create_key
from tests.browser import served
from tests.commerce.helpers import bearer, ok
from tests.conftest import SHIPPED_POLICY_VERSION
from tests.policy_versions.helpers import APPROVER, FRUIT_AT_16, approved, edited_files, quote_apples

WAIT = 60.0  # how long a test waits for a switch before failing (a bound on hanging, not a speed claim)


@dataclass
class Load:
    """Quote requests from `workers` concurrent callers until stopped; every answer kept."""

    client: httpx.AsyncClient
    headers: dict[str, str]
    answers: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    stop: asyncio.Event = field(default_factory=asyncio.Event)

    async def caller(self) -> None:
        while not self.stop.is_set():
            response = await quote_apples(self.client, self.headers)
            self.answers.append((response.status_code, response.json()))
            # a breath between requests: four callers with none kept the loop so busy that a publish on SQLite
            # (each statement a hand-off from its thread) took ~8 s and ~20 s of CPU; the load goes on throughout
            await asyncio.sleep(0.002)

    async def until_version(self, label: str) -> None:
        async with asyncio.timeout(WAIT):
            while not self.answers or self.answers[-1][1].get("policy_version") != label:
                await asyncio.sleep(0.02)


@pytest.fixture
async def load(database_url: str, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Load]:
    monkeypatch.setenv("XIAOPU_POLICY_POLL_SECONDS", "0.1")
    app = create_app(database_url=database_url, tick_seconds=0)
    async with app.router.lifespan_context(app), httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://xiaopu.test") as client:
        yield Load(client, bearer((await create_key("storefront", party="default"))[1]))


async def test_publish_schedule_rollback_under_load(load: Load) -> None:
    admin = bearer((await create_key("policy_admin", person="Li Na <li.na@xiaopu.test>"))[1])
    second = bearer((await create_key("policy_admin", person=APPROVER))[1])
    callers = [asyncio.create_task(load.caller()) for _ in range(4)]
    try:
        await load.until_version(SHIPPED_POLICY_VERSION)
        publish_sent = clock.now()
        cut = (await approved(load.client, await load.client.post("/v1/policy-versions", headers=admin, json={
            "files": edited_files(FRUIT_AT_16), "message": "fruit to 16%"}), second))["version"]["label"]
        await load.until_version(cut)
        at = clock.now() + dt.timedelta(seconds=1)
        await approved(load.client, await load.client.post(
            f"/v1/policy-versions/{SHIPPED_POLICY_VERSION}/activations", headers=admin,
            json={"message": "back at 17.99%", "effective_from": at.isoformat()}), second)
        await load.until_version(SHIPPED_POLICY_VERSION)
        await ok(await load.client.post("/v1/policy-versions/rollback", headers=admin,
                                        json={"message": "16% after all", "target": cut}), 201)
        await load.until_version(cut)
    finally:
        load.stop.set()
        await asyncio.gather(*callers)
    statuses = {status for status, _ in load.answers}
    assert statuses == {200}, [a for a in load.answers if a[0] != 200][:3]
    produced = {(body["policy_version"], body["total_commission"]) for _, body in load.answers}
    assert produced == {(SHIPPED_POLICY_VERSION, "5.20"), (cut, "4.62")}
    # no answer names a version before it was published
    early = [b for _, b in load.answers if dt.datetime.fromisoformat(b["as_of"]) < publish_sent]
    assert early and {b["policy_version"] for b in early} == {SHIPPED_POLICY_VERSION}


def test_every_serving_process_follows_a_publish(database_url: str) -> None:
    """Two server processes on one database: a version published through one is served by both."""
    keys = {"policy_admin": "xpk_switch_adminadminadminadmin", "policy_admin#approver": "xpk_switch_approverapprover",
            "storefront": "xpk_switch_shopshopshopshop"}
    shop = {"Authorization": f"Bearer {keys['storefront']}"}
    quote = {"items": [{"sku": "APPLE-5KG", "category": "fresh_fruit", "price": "28.90"}]}
    with served(database_url, keys, XIAOPU_POLICY_POLL_SECONDS="0.2") as first, \
            served(database_url, keys, XIAOPU_POLICY_POLL_SECONDS="0.2") as second:
        before = [httpx.post(f"{url}/v1/commission/quotes", json=quote, headers=shop).json() for url in (first, second)]
        published = httpx.post(f"{first}/v1/policy-versions", timeout=60, json={
            "files": edited_files(FRUIT_AT_16), "message": "fruit to 16%"},
            headers={"Authorization": f"Bearer {keys['policy_admin']}"})
        assert published.status_code == 202, published.text
        proposal = published.json()["proposal"]["proposal_id"]
        approval = httpx.post(f"{second}/v1/policy-proposals/{proposal}/approval", timeout=60,
                              json={"comment": "checked"},
                              headers={"Authorization": f"Bearer {keys['policy_admin#approver']}"})
        assert approval.status_code == 201, approval.text
        label = published.json()["version"]["label"]
        for url in (first, second):
            answer = asyncio.run(_until(url, quote, shop, label))
            assert (answer["policy_version"], answer["total_commission"]) == (label, "4.62")
    assert [b["total_commission"] for b in before] == ["5.20", "5.20"]


async def _until(url: str, quote: dict[str, Any], headers: dict[str, str], label: str) -> dict[str, Any]:
    async with httpx.AsyncClient(base_url=url) as client, asyncio.timeout(WAIT):
        while True:
            body: dict[str, Any] = (await client.post("/v1/commission/quotes", json=quote, headers=headers)).json()
            if body["policy_version"] == label:
                return body
            await asyncio.sleep(0.05)
