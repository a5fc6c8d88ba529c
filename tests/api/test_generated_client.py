"""The OpenAPI document is a contract a client can be generated from: openapi-python-client generates one from
the served document, and the apples flow runs through it against a real server: quote RMB 5.20, the order,
receipt, the lock, the settlement, the statement."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.browser import served
from tests.clock import ClockFile
from tests.listings import SERVED_SUPPLY_KEYS, SUPPLY_DEV_KEYS, Listings, list_goods_sync

KEYS = {"storefront": "xpk_generated_client_storefront_01", "policy_admin": "xpk_generated_client_admin_000001"}
APPLES = {"sku": "APPLE-5KG", "category": "fresh_fruit", "price": "28.90", "quantity": 1}
GENERATOR = shutil.which("openapi-python-client", path=str(Path(sys.executable).parent))

FLOW = """
import json, sys
from xiaopu_client import AuthenticatedClient
from xiaopu_client.api.commission import create_quote
from xiaopu_client.api.sellers import open_store
from xiaopu_client.api.orders import report_order, report_event
from xiaopu_client.api.jobs import tick
from xiaopu_client.api.settlement import run_settlement, read_statement
from xiaopu_client.models import (QuoteRequest, SellerCreate, OrderPut, OrderEventPost, TickRequest,
                                  SettlementRequest, QuoteOut, OrderOut, StatementOut)

url, shop_key, admin_key, clock, apples = sys.argv[1:6]
apples = json.loads(apples)  # the apples the test supplier listed


def clock_at(when):  # the server's clock (tests/clock.py, ClockFile) moves as the story does
    open(clock, "w").write(when)


shop = AuthenticatedClient(base_url=url, token=shop_key)
admin = AuthenticatedClient(base_url=url, token=admin_key)
quote = create_quote.sync(client=shop, body=QuoteRequest.from_dict({"items": [apples]}))
assert isinstance(quote, QuoteOut), quote
open_store.sync(client=shop, body=SellerCreate(seller_id="S-GEN"))
order = report_order.sync("O-GEN", client=shop, body=OrderPut.from_dict(
    {"seller_id": "S-GEN", "buyer_id": "B-1", "paid_at": "2026-11-05T10:00:00+08:00", "items": [apples]}))
assert isinstance(order, OrderOut), order
clock_at("2026-11-08T02:00:00+00:00")
received = report_event.sync("O-GEN", client=shop, body=OrderEventPost.from_dict(
    {"event_id": "E-1", "type": "receipt_confirmed", "at": "2026-11-08T10:00:00+08:00"}))
clock_at("2026-11-09T00:00:00+00:00")
locked = tick.sync(client=admin, body=TickRequest.from_dict({"as_of": "2026-11-09T00:00:00Z"}))
clock_at("2026-12-01T00:00:00+00:00")  # November has ended in China time
run_settlement.sync(client=admin, body=SettlementRequest(period="2026-11"))
statement = read_statement.sync("S-GEN", "2026-11", client=shop)
assert isinstance(statement, StatementOut), statement
print(json.dumps({"quote": quote.total_commission, "order": order.commission_lines[0].status,
                  "after_receipt": received.commission_lines[0].status, "locked": locked.locked_lines,
                  "statement": [statement.total, statement.line_count]}))
"""


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    server_clock = ClockFile(tmp_path / "clock", "2026-11-05T02:00:00Z")
    with served(f"sqlite://{tmp_path / 'client.sqlite3'}", {**KEYS, **SERVED_SUPPLY_KEYS}, **server_clock.env()
                ) as url:
        yield url


@pytest.mark.skipif(GENERATOR is None, reason="openapi-python-client is not installed (the dev extra has it)")
def test_a_generated_client_runs_the_apples_flow(server: str, tmp_path: Path) -> None:
    spec = tmp_path / "openapi.json"
    spec.write_text(json.dumps(httpx.get(f"{server}/openapi.json").json()))
    generated = subprocess.run([str(GENERATOR), "generate", "--path", str(spec), "--output-path",
                                str(tmp_path / "xiaopu_client"), "--meta", "none"], capture_output=True, text=True,
                               timeout=120, cwd=tmp_path)
    assert generated.returncode == 0, generated.stdout + generated.stderr
    with httpx.Client(base_url=server, timeout=30) as client:
        apples = list_goods_sync(client, SUPPLY_DEV_KEYS, Listings(), [APPLES])[0]
    run = subprocess.run([sys.executable, "-c", FLOW, server, KEYS["storefront"], KEYS["policy_admin"],
                          str(tmp_path / "clock"), json.dumps(apples)],
                         capture_output=True, text=True, timeout=120, cwd=tmp_path,
                         env={**os.environ, "PYTHONPATH": str(tmp_path)})
    assert run.returncode == 0, run.stdout + run.stderr
    assert json.loads(run.stdout) == {"quote": "5.20", "order": "estimated", "after_receipt": "pending",
                                      "locked": 1, "statement": ["5.20", 1]}
