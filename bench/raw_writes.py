"""The anchor for order ingestion: the rows one 3-line order writes (the order, 3 items, 3 decisions, their
fired rules, 3 commission lines, an audit entry), written with plain asyncpg in one transaction per order,
beside the API's order ingestion on PostgreSQL (`xiaopu serve`, one worker) in the same run.

    .venv/bin/python bench/raw_writes.py [--seconds 8] [--connections 16] [--admin-url URL]

Both run on fresh databases migrated with the project's migrations. The rows are the ones the models would
write (built with the models, converted to database values), so the anchor writes exactly as much; what it
leaves out is everything between the HTTP request and the database: parsing, authentication, the rules, the
ORM and the round trips the service makes.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import sys
import time
import uuid
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.api import pct, scratch_postgres  # noqa: E402
from bench.workers import measure  # noqa: E402
from store.audit import AuditEntry  # noqa: E402
from store.commission import CommissionLine  # noqa: E402
from store.db import migrate  # noqa: E402
from store.decisions import DecisionRecord, FiredRule  # noqa: E402
from store.orders import Order, OrderItem  # noqa: E402

PAID_AT = dt.datetime(2026, 11, 5, 2, 0, tzinfo=dt.UTC)
ITEMS = [("APPLE-5KG", "fresh_fruit", 2890, 1, 520, 1799), ("LIP", "cosmetics", 9900, 2, 3960, 2000),
         ("SHOE", "shoes", 45900, 1, 4590, 1000)]
FACTS = {"category": "fresh_fruit", "price": 2890, "quantity": 1, "line_amount": 2890, "seller_tier": "trial"}
FIRED = [{"id": "fresh_fruit_rate", "description": "Fresh fruit earns 17.99%.", "outputs": {"rate_bp": 1799},
          "checks": []}]


def _insert(model: type[Any]) -> tuple[str, list[str]]:
    """The INSERT of every column the model writes; a generated id comes from the database, as for the service."""
    meta = model._meta
    names = sorted(name for name in meta.fields_db_projection if not (name == meta.pk_attr and meta.pk.generated))
    names += [f"{fk}_id" for fk in sorted(meta.fk_fields)]  # a foreign key's column, given beside the object
    columns = [meta.fields_db_projection.get(name, name) for name in names]
    marks = ", ".join(f"${i}" for i in range(1, len(columns) + 1))
    return f'INSERT INTO "{meta.db_table}" ({", ".join(columns)}) VALUES ({marks})', names


def _row(obj: Any, names: list[str], keys: dict[str, Any]) -> list[Any]:
    meta = type(obj)._meta
    return [keys[name] if name in keys else meta.fields_map[name].to_db_value(getattr(obj, name, None), obj)
            for name in names]


STATEMENTS = {model: _insert(model) for model in (Order, OrderItem, DecisionRecord, FiredRule, CommissionLine,
                                                   AuditEntry)}


def order_rows(n: int) -> dict[type[Any], list[list[Any]]]:
    now = dt.datetime.now(dt.UTC)
    order_id, seller = f"RAW-{n}", f"S-W{n % 16}"
    rows: dict[type[Any], list[list[Any]]] = {model: [] for model in STATEMENTS}

    def add(obj: Any, **keys: Any) -> None:
        rows[type(obj)].append(_row(obj, STATEMENTS[type(obj)][1], keys))

    add(Order(order_id=order_id, seller_id=seller, buyer_id=f"b{n}", paid_at=PAID_AT, body_hash="0" * 64,
              status="paid", qualifying=False, created_at=now))
    decision_ids = []
    for sku, category, price, quantity, commission, rate in ITEMS:
        add(OrderItem(sku=sku, category=category, price_fen=price, quantity=quantity, refunded_fen=0),
            order_id=order_id)
        decision_id = uuid.uuid4()
        decision_ids.append(str(decision_id))
        add(DecisionRecord(id=decision_id, policy_id="commission", policy_version="2026.11.0+000000000000",
                           content_hash="0" * 64, as_of=PAID_AT, facts=FACTS, outputs={"commission": commission},
                           fired=FIRED, subject=f"order:{order_id}/sku:{sku}", created_at=now))
        add(FiredRule(decision_id=decision_id, policy_id="commission", rule_id="fresh_fruit_rate",
                      as_of=PAID_AT))
        add(CommissionLine(line_key=f"sale:{order_id}:{sku}", seller_id=seller, order_id=order_id, sku=sku,
                           kind="sale", status="estimated", amount_fen=commission, rate_bp=rate,
                           rule_ids=["fresh_fruit_rate"], decision_id=decision_id, reason="", created_at=now,
                           updated_at=now))
    add(AuditEntry(at=now, request_id=uuid.uuid4().hex, key_id="bench", key_label=None, role="storefront",
                   method="PUT", route="/v1/orders/{order_id}", resource_id=f"order_id={order_id}", caller_id=None,
                   decision_ids=decision_ids, status=201))
    return rows


async def raw_rate(database_url: str, seconds: float, connections: int) -> tuple[float, list[float]]:
    import asyncpg

    pool = await asyncpg.create_pool(urlsplit(database_url)._replace(scheme="postgresql").geturl(),
                                     min_size=connections, max_size=connections)
    latencies: list[float] = []
    counter = iter(range(10**9))
    deadline = time.perf_counter() + seconds

    async def writer() -> None:
        while time.perf_counter() < deadline:
            rows = order_rows(next(counter))
            started = time.perf_counter()
            async with pool.acquire() as conn, conn.transaction():
                for model, values in rows.items():
                    await conn.executemany(STATEMENTS[model][0], values)
            latencies.append((time.perf_counter() - started) * 1000)

    try:
        await asyncio.gather(*(writer() for _ in range(connections)))
    finally:
        await pool.close()
    return len(latencies) / seconds, latencies


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--admin-url", default=os.environ.get("XIAOPU_BENCH_POSTGRES_URL",
                                                              "postgres://postgres@127.0.0.1:5432/test"))
    parser.add_argument("--smoke", action="store_true", help="a second or two at tiny sizes: does it still run?")
    args = parser.parse_args()
    warm_seconds = 3.0  # the API's server, before it is timed (bench/workers.py)
    if args.smoke:  # every step, each as short as it can be
        args.seconds, args.connections, warm_seconds = 0.25, 2, 0.2
    print(f"3-line orders on PostgreSQL ({urlsplit(args.admin_url).netloc}), {args.connections} concurrent "
          f"writers/connections, {args.seconds:g} s per run; {os.cpu_count()} CPUs")
    async with scratch_postgres(args.admin_url) as url:
        await migrate(url)
        rate, latencies = await raw_rate(url, args.seconds, args.connections)
    print(f"{'run':<34}{'orders/s':>10}{'p50 ms':>10}{'p99 ms':>10}")
    print(f"{'plain asyncpg (anchor)':<34}{rate:>10,.0f}{pct(latencies, 50):>10.1f}{pct(latencies, 99):>10.1f}")
    results = {label: result for label, result, *_ in await measure(args.admin_url, 1, args.seconds,
                                                                   args.connections, warm_seconds)}
    api = results["order ingestion"]
    api_rate = len(api.latencies_ms) / args.seconds
    print(f"{'Xiaopu PUT /v1/orders, 1 worker':<34}{api_rate:>10,.0f}{pct(api.latencies_ms, 50):>10.1f}"
          f"{pct(api.latencies_ms, 99):>10.1f}")
    print(f"order ingestion: Xiaopu writes {api_rate / rate:.2f}x the plain-asyncpg anchor's rate")
    if api.failures:
        raise SystemExit(f"{api.failures} requests failed")


if __name__ == "__main__":
    asyncio.run(main())
