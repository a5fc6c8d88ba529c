"""The embedded default survives a second process: while `xiaopu serve` answers quotes and takes orders on
the SQLite file, `xiaopu publish`, `rollback`, `tick` and `keys create` write the same file from their own
processes. No request gets a 5xx, every command succeeds, and every write is applied exactly once."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

from store import clock
from tests.browser import ROOT, served
from tests.listings import SERVED_SUPPLY_KEYS, SUPPLY_DEV_KEYS, Listings, list_goods_sync, listed
from tests.onboarding.helpers import candidate_policies

KEYS = {"storefront": "xpk_sqlite_processes_storefront_01", "policy_admin": "xpk_sqlite_processes_admin_00001"}
GOODS = [{"sku": "APPLE-5KG", "category": "fresh_fruit", "price": "28.90", "quantity": 1}]
[APPLES] = listed(GOODS)  # the test supplier lists them first
# The load runs this long before the first command and after the last: every command writes under load (the
# commands themselves take seconds); more load afterwards only burns the machine's CPU.
LOAD_MARGIN_SECONDS = 0.5


def xiaopu(database_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XIAOPU_DATABASE_URL": database_url, "XIAOPU_AUTHOR": "Li Wei <li@example.com>"}
    return subprocess.run([sys.executable, "-m", "cli.main", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)


def load(url: str, lane: int, stop: threading.Event, statuses: list[int], orders: list[str]) -> None:
    headers = {"Authorization": f"Bearer {KEYS['storefront']}"}
    with httpx.Client(base_url=url, headers=headers, timeout=30) as client:
        n = 0
        while not stop.is_set():
            n += 1
            quote = client.post("/v1/commission/quotes", json={"items": [APPLES]})
            statuses.append(quote.status_code)
            order_id = f"O-{lane}-{n}"
            order = client.put(f"/v1/orders/{order_id}", json={
                "seller_id": "S-1", "buyer_id": f"B-{lane}-{n}", "paid_at": clock.now().isoformat(),
                "items": [APPLES]})
            statuses.append(order.status_code)
            if order.status_code in (200, 201):
                orders.append(order_id)


def test_cli_writers_and_the_server_share_the_sqlite_file(tmp_path: Path) -> None:
    database = tmp_path / "shared.sqlite3"
    url = f"sqlite://{database}"
    candidate = candidate_policies(tmp_path / "candidate", "commission.yaml",
                                   "(a 5 kg box of apples at RMB 28.90 pays RMB 5.20).",
                                   "(a 5 kg box of apples at RMB 28.90 pays RMB 5.20, sold by the box).")
    with served(url, {**KEYS, **SERVED_SUPPLY_KEYS}, XIAOPU_POLICY_POLL_SECONDS="0.2") as server:
        headers = {"Authorization": f"Bearer {KEYS['storefront']}"}
        assert httpx.post(f"{server}/v1/sellers", json={"seller_id": "S-1"}, headers=headers).status_code == 201
        with httpx.Client(base_url=server, timeout=30) as supplier:
            list_goods_sync(supplier, SUPPLY_DEV_KEYS, Listings(), GOODS)
        stop, statuses, orders = threading.Event(), [], []  # type: ignore[var-annotated]
        lanes = [threading.Thread(target=load, args=(server, lane, stop, statuses, orders)) for lane in range(4)]
        for lane in lanes:
            lane.start()
        try:
            time.sleep(LOAD_MARGIN_SECONDS)
            runs = {"publish": xiaopu(url, "publish", str(candidate), "-m", "fresh fruit sold by the box")}
            proposal = runs["publish"].stdout.split(" as ")[-1].split(";")[0]
            runs |= {"approve": xiaopu(url, "proposals", "approve", proposal, "-c", "wording only",
                                       "--author", "Chen Jie <chen.jie@xiaopu.test>"),
                    "keys": xiaopu(url, "keys", "create", "--role", "reviewer", "--label", "second process",
                                   "--person", "Zhao Min <zhao.min@xiaopu.test>"),
                    "tick": xiaopu(url, "tick"),
                    "rollback": xiaopu(url, "rollback", "-m", "back to the shipped wording"),
                    "keys again": xiaopu(url, "keys", "create", "--role", "supplier", "--party", "SUP-1")}
            time.sleep(LOAD_MARGIN_SECONDS)
        finally:
            stop.set()
            for lane in lanes:
                lane.join(timeout=60)
    for name, run in runs.items():
        assert run.returncode == 0, f"{name}: {run.stdout} {run.stderr}"
    assert statuses and all(status < 500 for status in statuses), sorted(set(statuses))
    assert {s for s in statuses} <= {200, 201}, sorted(set(statuses))

    with sqlite3.connect(database) as db:
        def count(sql: str) -> int:
            return int(db.execute(sql).fetchone()[0])

        assert count("SELECT COUNT(*) FROM policy_versions") == 2  # the shipped set and the candidate, once each
        assert count("SELECT COUNT(*) FROM policy_activations") == 3  # initial, the publish, the rollback
        # the keys the commands made (the server's development keys besides)
        assert count("SELECT COUNT(*) FROM api_keys WHERE role = 'reviewer' AND key_id NOT LIKE 'dev-%'") == 1
        assert count("SELECT COUNT(*) FROM api_keys WHERE role = 'supplier' AND key_id NOT LIKE 'dev-%'") == 1
        assert count("SELECT COUNT(*) FROM orders") == len(orders) == len(set(orders))
        assert count("SELECT COUNT(*) FROM commission_lines") == len(orders)
