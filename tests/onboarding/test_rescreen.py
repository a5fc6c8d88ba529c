"""`xiaopu rescreen` reports who would fail a candidate policy set, and writes nothing."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from pathlib import Path

from store.api_keys import create_key
from store.decisions import DecisionRecord
from tests.cli_run import xiaopu_here
from tests.commerce.helpers import bearer, ok, running_app
from tests.conftest import TEST_SUPPLIER
from tests.onboarding.helpers import app_path, application, candidate_policies, pay_deposit

ROOT = Path(__file__).resolve().parents[2]


def rescreen(database_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    """The command in this process (tests/cli_run.py)."""
    return xiaopu_here(["rescreen", *args], {"XIAOPU_DATABASE_URL": database_url})


def rescreen_process(database_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    """The command as a shell runs it: a process of its own."""
    env = {**os.environ, "XIAOPU_DATABASE_URL": database_url}
    return subprocess.run([sys.executable, "-m", "cli.main", "rescreen", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


async def test_candidate_with_a_higher_capital_floor(database_url: str, tmp_path: Path) -> None:
    async with running_app(database_url) as client:
        _, reviewer = await create_key("reviewer", person="Zhao Min <zhao.min@xiaopu.test>")
        _, admin = await create_key("policy_admin", person="Wang Fang <wang.fang@xiaopu.test>")
        for app_id, uscc, capital in (("APP-1", "91330100MA2AXXXX07", "1500000.00"),
                                      ("APP-2", "91330100MA2AYYYY0W", "5000000.00")):
            _, supplier = await create_key("supplier", party=f"SUP-{uscc}")  # each applies as itself
            await ok(await client.post("/v1/supplier-applications", headers=bearer(supplier),
                                       json=application(app_id, uscc=uscc, registered_capital=capital)))
            await pay_deposit(client, admin, f"{app_id}@SUP-{uscc}")
            await ok(await client.post(app_path(f"{app_id}@SUP-{uscc}", "/decision"), headers=bearer(reviewer),
                                       json={"decision": "approve", "reason": "compliant"}))
        decisions_before = await DecisionRecord.all().count()

    candidate = candidate_policies(tmp_path / "candidate", "supplier_entry.yaml",
                                   '{registered_capital: {gte: "1000000.00"}}',
                                   '{registered_capital: {gte: "2000000.00"}}')
    current = await asyncio.to_thread(rescreen_process, database_url, "--as-of", "2026-11-24T00:00:00Z")
    assert current.returncode == 0, current.stderr
    assert json.loads(current.stdout)["would_fail"] == []
    out = tmp_path / "report.json"
    result = await asyncio.to_thread(rescreen, database_url, "--policies", str(candidate), "--as-of",
                                     "2026-11-24T00:00:00Z", "--output", str(out))
    assert result.returncode == 0, result.stderr
    assert "rescreening [" in result.stderr and "2/2" in result.stderr  # progress on the terminal
    report = json.loads(out.read_text())
    assert report["suppliers_checked"] == 2
    assert [(s["supplier_id"], [f["id"] for f in s["failed"]]) for s in report["would_fail"]] == [
        ("SUP-91330100MA2AXXXX07", ["registered_capital_min"])]
    assert report["would_fail"][0]["failed"][0]["new"] is True
    assert "short by RMB 500000.00" in report["would_fail"][0]["failed"][0]["message"]

    async with running_app(database_url):
        assert await DecisionRecord.all().count() == decisions_before  # nothing written


async def test_an_overridden_failure_is_reported_with_its_override(database_url: str) -> None:
    async with running_app(database_url) as client:
        _, supplier = await create_key("supplier", party=TEST_SUPPLIER)
        _, reviewer = await create_key("reviewer", person="Zhao Min <zhao.min@xiaopu.test>")
        await ok(await client.post("/v1/supplier-applications", headers=bearer(supplier),
                                   json=application("APP-OV", registered_capital="800000.00")))
        _, admin = await create_key("policy_admin", person="Wang Fang <wang.fang@xiaopu.test>")
        await pay_deposit(client, admin, "APP-OV")
        await ok(await client.post(app_path("APP-OV", "/decision"), headers=bearer(reviewer), json={
            "decision": "approve", "reason": "strategic",
            "overrides": [{"requirement_id": "registered_capital_min",
                           "justification": "parent company guarantee G-77"}]}))
    result = await asyncio.to_thread(rescreen, database_url, "--as-of", "2026-11-24T00:00:00Z")
    assert result.returncode == 0, result.stderr
    [failed] = json.loads(result.stdout)["would_fail"][0]["failed"]
    assert (failed["id"], failed["new"]) == ("registered_capital_min", False)
    assert failed["overridden"]["justification"] == "parent company guarantee G-77"
    assert failed["overridden"]["by"]
