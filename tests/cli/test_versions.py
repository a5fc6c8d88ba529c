"""`xiaopu publish`, `rollback` and `versions` on a database, and `xiaopu simulate --from/--to` over the stored
history (commission deltas, tier moves, supplier eligibility flips) with its HTML report."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

from store import clock
from store.api_keys import create_key
from store.decisions import DecisionRecord
from store.policy_versions import PolicyVersion
from tests.cli_run import xiaopu_here
from tests.commerce.helpers import Storefront, bearer, ok, running_app
from tests.conftest import TEST_SUPPLIER
from tests.onboarding.helpers import application
from tests.policy_versions.helpers import FRUIT_AT_16, ROOT, edited_files, shipped_files, write_files

TIER_AT_2 = {"when: {qualifying_transactions: {gte: 5}, distinct_buyers: {gte: 1}}":
             "when: {qualifying_transactions: {gte: 2}, distinct_buyers: {gte: 1}}",
             "facts: {current_tier: trial, qualifying_transactions: 4, distinct_buyers: 4}":
             "facts: {current_tier: trial, qualifying_transactions: 1, distinct_buyers: 1}"}
CAPITAL_2M = {'when: {registered_capital: {gte: "1000000.00"}}': 'when: {registered_capital: {gte: "2000000.00"}}'}


def xiaopu(database_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    """The command in this process (tests/cli_run.py)."""
    return xiaopu_here(args, {"XIAOPU_DATABASE_URL": database_url, "XIAOPU_AUTHOR": "policy-team"})


def xiaopu_process(database_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    """The command as a shell runs it: a process of its own."""
    env = {**os.environ, "XIAOPU_DATABASE_URL": database_url, "XIAOPU_AUTHOR": "policy-team"}
    return subprocess.run([sys.executable, "-m", "cli.main", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=180)


def candidate(folder: Path) -> Path:
    """Fresh fruit at 16%, L1 after 2 transactions, a RMB 2,000,000 capital floor."""
    files = edited_files(FRUIT_AT_16)
    for rel, edits in (("rules/seller_tiers.yaml", TIER_AT_2), ("rules/supplier_entry.yaml", CAPITAL_2M)):
        text = files[rel]
        for old, new in edits.items():
            assert old in text, old
            text = text.replace(old, new)
        files[rel] = text
    return write_files(folder, files)


def approve(database_url: str, proposed: subprocess.CompletedProcess[str], *extra: str) -> str:
    """A second person approves what `xiaopu publish` proposed; the approval's output."""
    assert proposed.returncode == 0 and proposed.stdout.startswith("proposed: "), proposed.stderr
    proposal = proposed.stdout.split(" as ")[1].split(";")[0]
    own = xiaopu(database_url, "proposals", "approve", proposal, "-c", "my own change")
    assert own.returncode == 1 and "cannot approve" in own.stderr  # XIAOPU_AUTHOR wrote it
    done = xiaopu(database_url, "proposals", "approve", proposal, "-c", "diff read", "--author", "Chen Jie", *extra)
    assert done.returncode == 0 and done.stdout.startswith(f"approved: {proposal} by Chen Jie"), done.stderr
    return done.stdout


async def test_publish_versions_rollback(database_url: str, tmp_path: Path) -> None:
    run = asyncio.to_thread
    await run(approve, database_url, await run(xiaopu, database_url, "publish", str(ROOT), "-m", "the program's rules"))
    fruit = write_files(tmp_path / "fruit", edited_files(FRUIT_AT_16))
    second = await run(xiaopu, database_url, "publish", str(fruit), "-m", "fruit to 16%")
    waiting = (await run(xiaopu, database_url, "proposals", "list")).stdout.splitlines()
    assert len(waiting) == 2 and "\tfruit to 16%" in waiting[1]
    assert "in force" in await run(approve, database_url, second)
    broken = write_files(tmp_path / "broken", dict(shipped_files(), **{"rules/commission.yaml": "policies: ["}))
    refused = await run(xiaopu, database_url, "publish", str(broken), "-m", "oops")
    assert refused.returncode == 1 and "rules/commission.yaml:2:1: yaml_syntax" in refused.stderr, refused.stderr
    past = await run(xiaopu, database_url, "publish", str(fruit), "-m", "late", "--effective-from",
                     "2026-01-01T00:00:00Z")
    assert past.returncode == 1 and "in the past" in past.stderr
    later = (clock.now() + dt.timedelta(days=30)).isoformat()
    await run(approve, database_url, await run(xiaopu, database_url, "publish", str(ROOT), "-m", "back next month",
                                               "--effective-from", later))
    rolled = await run(xiaopu, database_url, "rollback", "-m", "growers complained")
    assert rolled.returncode == 0 and rolled.stdout.startswith("rollback: 2026.11.0+"), rolled.stdout
    # through a real process: the entry point and its exit code as a shell sees them
    again = await run(xiaopu_process, database_url, "rollback", "-m", "pressed twice")
    assert again.returncode == 1 and "no earlier version" in again.stderr  # never back to what was rolled back
    listing = (await run(xiaopu, database_url, "versions")).stdout.splitlines()
    states = [(line.split("\t")[2], line.split("\t")[3]) for line in listing[1:]]
    assert states == [("publish", "past"), ("publish", "past"), ("rollback", "in force"), ("publish", "scheduled")]
    assert all("\tpolicy-team\t" in line for line in listing[1:])
    assert [line.split("\t")[5] for line in listing[1:]] == ["Chen Jie", "Chen Jie", "-", "Chen Jie"]
    scheduled = listing[4].split("\t")[6]
    cancelled = await run(xiaopu, database_url, "cancel-activation", scheduled)
    assert cancelled.returncode == 0, cancelled.stderr
    assert (await run(xiaopu, database_url, "versions")).stdout.splitlines()[4].split("\t")[3] == "cancelled"
    async with running_app(database_url):
        assert await PolicyVersion.all().count() == 2


async def test_simulate_the_stored_history(database_url: str, tmp_path: Path) -> None:
    async with running_app(database_url) as client:
        shop = Storefront(client, (await create_key("storefront", party="default"))[1])
        _, supplier = await create_key("supplier", party=TEST_SUPPLIER)
        for seller in ("S1", "S2"):
            await shop.open_store(seller)
        for n, (seller, buyer) in enumerate((("S1", "B1"), ("S1", "B2"), ("S2", "B3"))):
            await ok(await shop.order(f"O{n}", seller, buyer))
            await ok(await shop.event(f"O{n}", f"E{n}", "receipt_confirmed", "2026-11-08T10:00:00+08:00"))
        await ok(await shop.order("O9", "S2", "B4", items=[{"sku": "CHIPS", "category": "snacks", "price": "10.00"}]))
        await ok(await client.post("/v1/supplier-applications", headers=bearer(supplier),
                                   json=application("APP-1", registered_capital="1500000.00")))
        decisions_before = await DecisionRecord.all().count()
    out, html = tmp_path / "impact.json", tmp_path / "impact.html"
    result = await asyncio.to_thread(xiaopu, database_url, "simulate", "--candidate", str(candidate(tmp_path / "c")),
                                     "--from", "2026-11-01T00:00:00+08:00", "--to", "2026-12-01T00:00:00+08:00",
                                     "--output", str(out), "--html", str(html))
    assert result.returncode == 0, result.stderr
    assert "simulating [" in result.stderr and "4/4" in result.stderr
    report = json.loads(out.read_text())
    # three apple lines: 5.20 -> 4.62 each; the snacks line is unchanged
    assert {k: report["commission"][k] for k in ("lines", "active", "candidate", "delta")} == {
        "lines": 4, "active": "17.10", "candidate": "15.36", "delta": "-1.74"}
    by_category = {r["name"]: r["delta"] for r in report["commission"]["by_category"]}
    assert by_category == {"fresh_fruit": "-1.74", "snacks": "0.00"}
    by_seller = {r["name"]: r["delta"] for r in report["commission"]["by_seller"]}
    assert by_seller == {"S1": "-1.16", "S2": "-0.58"}
    assert report["tier_changes"] == [{"seller_id": "S1", "tier_now": "trial", "active": "trial", "candidate": "L1"}]
    [flip] = report["supplier_eligibility_flips"]
    assert (flip["subject"], flip["active"], flip["candidate"]) == (f"application:APP-1@{TEST_SUPPLIER}", "eligible",
                                                                    "not eligible")
    assert flip["failing_under_candidate"] == ["registered_capital_min"]
    page = html.read_text()
    assert page.count('<rect class="bar down"') >= 3 and "S1" in page and "registered_capital_min" in page
    async with running_app(database_url):
        assert await DecisionRecord.all().count() == decisions_before  # a simulation writes nothing
