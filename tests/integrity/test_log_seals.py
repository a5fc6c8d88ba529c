"""Tamper evidence: seals over decisions, commission lines, deposit movements, dispute steps, activations and
audit entries. `verify-log` names a decision whose stored outputs were edited in the database, a deleted
commission line, an audit entry slipped in with a forged time, and a chain rewritten whole (against heads
exported before)."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest

from store import clock
from store.audit import AuditEntry
from store.commission import CommissionLine
from store.decisions import DecisionRecord
from store.seals import LogSeal, SealedRecord
from tests.cli_run import xiaopu_here
from tests.commerce.helpers import APPLES, Storefront, listed_goods, ok
from tests.conftest import MakeKey
from workflows.integrity.seals import KINDS, log_heads, seal_hash, seal_logs, verify_logs

ROOT = Path(__file__).resolve().parents[2]
NOW = dt.timedelta(0)  # seal everything written so far (the server leaves the last minute)


def later() -> dt.datetime:
    return dt.datetime.now(dt.UTC) + dt.timedelta(seconds=1)


async def orders(client: httpx.AsyncClient, make_key: MakeKey, count: int = 3) -> Storefront:
    shop = Storefront(client, await make_key("storefront"))
    await shop.open_store("S-SEAL")
    for n in range(count):
        await ok(await shop.order(f"O-SEAL-{n}", "S-SEAL", f"B-{n}", items=[APPLES]), 201)
    return shop


async def test_a_sealed_log_verifies_clean_and_names_each_tampering(client: httpx.AsyncClient,
                                                                    make_key: MakeKey) -> None:
    await orders(client, make_key)
    sealed = await seal_logs(later(), NOW)
    assert sealed["decisions"] >= 3 and sealed["commission_lines"] == 3 and sealed["audit"] >= 4
    assert await verify_logs() == []

    decision = await DecisionRecord.filter(subject__startswith="order:O-SEAL-1").first()
    assert decision is not None
    await DecisionRecord.filter(id=decision.id).update(outputs={**decision.outputs, "commission": 99999})
    line = await CommissionLine.get(order_id="O-SEAL-2@default")
    await CommissionLine.filter(id=line.id).delete()
    first = await AuditEntry.all().order_by("at").first()
    assert first is not None
    forged = await AuditEntry.create(at=first.at, request_id="forged", key_id=None, key_label=None, role="storefront",
                                     method="POST", route="/v1/orders/{order_id}/events", resource_id="order_id=O-X",
                                     caller_id=None, decision_ids=[], status=200)

    found = {(f.kind, f.problem, f.record_id) for f in await verify_logs()}
    assert found == {("decisions", "edited", str(decision.id)), ("commission_lines", "deleted", str(line.id)),
                     ("audit", "inserted_into_sealed_period", str(forged.id))}


async def test_a_chain_rewritten_whole_is_caught_by_heads_held_outside(client: httpx.AsyncClient,
                                                                       make_key: MakeKey) -> None:
    await orders(client, make_key, 1)
    await seal_logs(later(), NOW)
    heads = await log_heads()
    assert set(heads) >= {"decisions", "commission_lines", "audit"}
    # someone with the database edits a line and rewrites its kind's seals to match
    line = await CommissionLine.get(order_id="O-SEAL-0@default")
    await CommissionLine.filter(id=line.id).update(sku="PEAR")
    await SealedRecord.filter(kind="commission_lines").delete()
    await LogSeal.filter(kind="commission_lines").delete()
    await seal_logs(later(), NOW)
    assert await verify_logs() == []  # consistent in itself...
    found = [(f.kind, f.problem) for f in await verify_logs(heads)]
    assert found == [("commission_lines", "head_missing")]  # ...but not with what was exported


async def test_a_changed_seal_breaks_the_chain(client: httpx.AsyncClient, make_key: MakeKey) -> None:
    await orders(client, make_key, 1)
    await seal_logs(later(), NOW)
    await orders_more(client, make_key)
    await seal_logs(later(), NOW)
    first = await LogSeal.filter(kind="decisions").order_by("id").first()
    assert first is not None
    await LogSeal.filter(id=first.id).update(count=first.count + 1)
    problems = {(f.kind, f.problem) for f in await verify_logs()}
    assert ("decisions", "chain_broken") in problems and ("decisions", "seal_changed") in problems
    assert seal_hash("x", None, first.period_end, 1, "r", "p") != seal_hash("x", None, first.period_end, 2, "r", "p")


async def orders_more(client: httpx.AsyncClient, make_key: MakeKey) -> None:
    shop = Storefront(client, await make_key("storefront", party="channel-more"))
    await shop.open_store("S-MORE")
    await ok(await shop.order("O-MORE", "S-MORE", "B-9", items=[APPLES]), 201)


async def test_concurrent_sealers_never_fork_a_chain(client: httpx.AsyncClient, make_key: MakeKey,
                                                    database_url: str) -> None:
    """200 orders written concurrently while sealers race; every chain stays one line and verifies."""
    if not database_url.startswith("postgres"):
        pytest.skip("concurrent writers need PostgreSQL (SQLite serializes every transaction on one connection)")
    shop = Storefront(client, await make_key("storefront"))
    await shop.open_store("S-RACE")
    items = await listed_goods(client, [APPLES])

    async def order(n: int) -> int:  # on the platform's own running clock: lines are stamped when written
        return (await client.put(f"/v1/orders/O-RACE-{n}", headers=shop.headers, json={
            "seller_id": "S-RACE", "buyer_id": f"B-{n}", "paid_at": clock.now().isoformat(), "items": items})
        ).status_code

    async def sealer() -> None:  # as the server's tick does, leaving what may still be committing
        for _ in range(10):
            await seal_logs(dt.datetime.now(dt.UTC), dt.timedelta(seconds=3))
            await asyncio.sleep(0.5)

    results = await asyncio.gather(*(order(n) for n in range(200)), sealer(), sealer())
    assert set(results[:200]) == {201}
    await seal_logs(later(), NOW)
    assert [str(f) for f in await verify_logs()] == []
    for kind in KINDS:
        seals = await LogSeal.filter(kind=kind.name).order_by("id")
        assert [s.prev_hash for s in seals[1:]] == [s.hash for s in seals[:-1]]  # one line, no fork
    assert await SealedRecord.filter(kind="commission_lines").count() == 200


async def test_the_commands_seal_verify_and_export_heads(client: httpx.AsyncClient, tmp_path: Path,
                                                        database_url: str) -> None:
    """The served set's initial activation is on record once the service started (the `client` fixture)."""
    def run(*args: str) -> subprocess.CompletedProcess[str]:  # as a shell runs it: a process of its own
        return subprocess.run([sys.executable, "-m", "cli.main", *args], cwd=ROOT, capture_output=True, text=True,
                              timeout=120, env={"XIAOPU_DATABASE_URL": database_url, "PATH": "/usr/bin:/bin"})

    def xiaopu(*args: str) -> Any:  # in this process (tests/cli_run.py)
        return asyncio.to_thread(xiaopu_here, args, {"XIAOPU_DATABASE_URL": database_url})

    sealed = await xiaopu("seal-logs", "--settle-seconds", "0")
    assert sealed.returncode == 0 and "policy_activations: 1 record(s) sealed" in sealed.stdout, sealed.stderr
    heads = await xiaopu("log-heads")
    assert heads.returncode == 0 and json.loads(heads.stdout)["policy_activations"]["count"] == 1
    (tmp_path / "heads.json").write_text(heads.stdout)
    checked = await asyncio.to_thread(run, "verify-log", "--heads", str(tmp_path / "heads.json"))
    assert checked.returncode == 0 and "every sealed record is as sealed" in checked.stderr, checked.stderr
