"""Dispute outcomes and the ledgers: a refund after settlement is a clawback; a deadline that passes while
the server is down is applied on the next run, exactly once."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from typing import Any

import pytest

from store.api_keys import create_key
from tests.cli_run import xiaopu_here
from tests.clock import advance_to, world_env
from tests.commerce.helpers import ROOT_DIR, Storefront, bearer, ok, running_app
from tests.disputes.test_dispute_lifecycle_http import DRESS, Case, at

# the store of the settlement story opens on Oct 1, before its order of Oct 9
pytestmark = pytest.mark.world_starts("2026-10-01T00:00:00Z")


async def test_refund_after_settlement_is_a_clawback_never_an_edit(client: Any, make_key: Any) -> None:
    async def lock_and_settle(case: Case) -> None:
        assert (await case.tick(-1))["locked_lines"] == 1  # the dress locked 7 days after receipt, in October
        await ok(await client.post("/v1/settlements", json={"period": "2026-10"},
                                   headers=bearer(case.keys["policy_admin"])))

    case = await Case.start(client, make_key, "quality_problem", order_id="O-S", receipt_hours=-24 * 30,
                            before_opening=lock_and_settle)
    await case.send("supplier", "supplier_agrees_refund", 1)
    lines = await Storefront(client, case.keys["storefront"]).lines("S-D")
    assert [(x["kind"], x["status"], x["amount"]) for x in lines] == [
        ("sale", "settled", "20.00"), ("clawback", "locked", "-20.00")]


def tick_in_another_process(database_url: str, as_of: str) -> dict[str, Any]:
    advance_to(as_of)  # the platform's clock has reached the moment the operator names
    result = subprocess.run([sys.executable, "-m", "cli.main", "tick", "--as-of", as_of], cwd=ROOT_DIR,
                            env={**os.environ, "XIAOPU_DATABASE_URL": database_url, **world_env()},
                            capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    return dict(json.loads(result.stdout))


def tick_here(database_url: str, as_of: str) -> dict[str, Any]:
    """The same command in this process (tests/cli_run.py)."""
    advance_to(as_of)
    result = xiaopu_here(["tick", "--as-of", as_of], {"XIAOPU_DATABASE_URL": database_url})
    assert result.returncode == 0, result.stderr
    return dict(json.loads(result.stdout))


async def test_a_deadline_passing_while_down_is_applied_once(database_url: str) -> None:
    async with running_app(database_url) as client:
        keys = {"storefront": (await create_key("storefront", party="default"))[1]}
        shop = Storefront(client, keys["storefront"])
        await shop.open_store("S-DOWN")
        await ok(await shop.order("O-DOWN", "S-DOWN", "buyer-1", items=[dict(DRESS, supplier_id=None)],
                                  paid_at=at(-72)), 201)
        advance_to(at(0))
        await ok(await client.post("/v1/disputes", headers=shop.headers, json={
            "dispute_id": "D-DOWN", "order_id": "O-DOWN", "sku": "DRESS", "type": "quality_problem",
            "amount": "200.00", "opened_at": at(0)}))
    # down for a week: the supplier's 5-day answer deadline passes
    first = await asyncio.to_thread(tick_in_another_process, database_url, at(7 * 24))
    second = await asyncio.to_thread(tick_here, database_url, at(7 * 24 + 1))
    assert (first["dispute_deadlines"], second["dispute_deadlines"]) == (1, 0)
    async with running_app(database_url) as client:
        view = await ok(await client.get("/v1/disputes/D-DOWN", headers=bearer(keys["storefront"])))
    assert view["state"] == "refunded"
    timeout = view["history"][-1]
    assert (timeout["event"], timeout["at"], timeout["rules"]) == (
        "deadline_expired", at(120), ["supplier_silent_refund_agreed"])


async def test_deposit_is_held_while_a_dispute_is_open(client: Any, make_key: Any) -> None:
    case = await Case.start(client, make_key, "quality_problem")
    release = {"movement_id": "R-1", "kind": "release", "amount": "0", "reason": "supplier exits", "at": at(1)}
    url = "/v1/suppliers/SUP-91330100MA2AXXXX07/deposit/movements"
    advance_to(at(1))
    held = await client.post(url, json=release, headers=bearer(case.keys["policy_admin"]))
    assert held.status_code == 409 and (held.json()["code"], held.json()["rules"]) == (
        "deposit_held", ["hold_while_disputes_open"])
    await case.send("storefront", "buyer_withdraws", 2)
    advance_to(at(3))
    released = await client.post(url, json=dict(release, at=at(3)), headers=bearer(case.keys["policy_admin"]))
    assert released.status_code == 201 and released.json()["balance"] == "0.00"
