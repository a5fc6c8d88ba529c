"""Decisions anyone can re-check: every stored decision replays identically under the version that made it (the
endpoint and `xiaopu verify-decisions`), and one whose stored outputs were edited afterwards is named with both
answers."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from typing import Any

from store.decisions import DecisionRecord
from tests.cli_run import xiaopu_here
from tests.commerce.helpers import ROOT_DIR, bearer, ok
from tests.disputes.test_dispute_lifecycle_http import Case


def verify_in_another_process(database_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cli.main", "verify-decisions", *args], cwd=ROOT_DIR,
                          env={**os.environ, "XIAOPU_DATABASE_URL": database_url}, capture_output=True, text=True,
                          timeout=120)


def verify_here(database_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    """The same command in this process (tests/cli_run.py)."""
    return xiaopu_here(["verify-decisions", *args], {"XIAOPU_DATABASE_URL": database_url})


async def test_every_decision_replays_and_an_edited_one_is_named(client: Any, make_key: Any,
                                                                   database_url: str) -> None:
    # an application, a listing, an order received, a dispute with a supplier's answer and a deadline
    case = await Case.start(client, make_key, "quality_problem")
    await case.send("supplier", "supplier_rejects", 1)
    await case.tick(1 + 168)  # the buyer did not escalate: the rejection stands
    reviewer = bearer(case.keys["reviewer"])
    records = await DecisionRecord.all()
    policies = {r.policy_id for r in records}
    assert {"supplier_entry", "deposit_standing", "listing_parity", "commission", "commission_lock",
            "qualifying_transaction", "after_sales_deadlines", "dispute_lifecycle"} <= policies, policies
    for record in records:
        answer = await ok(await client.get(f"/v1/decisions/{record.id}/verification", headers=reviewer))
        assert answer["identical"] is True, answer
    done = await asyncio.to_thread(verify_here, database_url)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"{len(records):,} decisions replayed: {len(records):,} identical, 0 different" in done.stdout

    [sale] = [r for r in records if r.policy_id == "commission"]
    await DecisionRecord.filter(id=sale.id).update(outputs={**sale.outputs, "commission": "200.00"})
    answer = await ok(await client.get(f"/v1/decisions/{sale.id}/verification", headers=reviewer))
    assert answer["identical"] is False
    assert (answer["stored"]["outputs"]["commission"], answer["replayed"]["outputs"]["commission"]) == (
        "200.00", "20.00")
    assert answer["differences"] == ["outputs.commission: stored '200.00', replayed '20.00'"]
    done = await asyncio.to_thread(verify_in_another_process, database_url, "--policy", "commission")
    assert done.returncode == 1 and f"DIFFERENT {sale.id}" in done.stdout, done.stdout
    assert "replaying [" in done.stderr  # the progress bar


async def test_only_the_platforms_people_verify(client: Any, make_key: Any) -> None:
    storefront = bearer(await make_key("storefront"))
    r = await client.get("/v1/decisions/00000000-0000-0000-0000-000000000000/verification", headers=storefront)
    assert r.status_code == 403
    r = await client.get("/v1/decisions/00000000-0000-0000-0000-000000000000/verification",
                         headers=bearer(await make_key("reviewer")))
    assert r.status_code == 404 and r.json()["code"] == "decision_not_found"
