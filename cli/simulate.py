"""`xiaopu simulate --candidate PATH --input FILE`: replay order lines (JSONL) under the active policy set
and a candidate; report the commission delta per category, tier and seller. Shows progress."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
from collections import defaultdict
from typing import Any

from cli.output import parse_as_of, write_report
from engine import Evaluator, FactError, PolicySetInvalid, load_policy_set
from engine.batch import BatchEvaluator
from engine.fields import format_yuan
from store.settings import REPO_ROOT

NOT_FACTS = ("order_id", "seller_id")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("simulate", help="commission impact of a candidate policy set on order lines (JSONL)")
    p.add_argument("--candidate", required=True, help="folder of the candidate policy set")
    p.add_argument("--active", default=os.environ.get("XIAOPU_POLICY_PATH") or str(REPO_ROOT),
                   help="folder of the policy set in force (default: XIAOPU_POLICY_PATH or the repository)")
    p.add_argument("--input", required=True, help="JSONL, one order line per row: order_id, seller_id, seller_tier, "
                   "category, price (yuan), quantity, supplier_rate_bp / supplier_amount")
    p.add_argument("--as-of", help="decision time, ISO 8601 with offset (default: now)")
    p.add_argument("--output", help="write the JSON report here instead of standard output")
    p.set_defaults(handler=simulate)


def _progress(done: int, total: int, started: float) -> None:
    filled = 30 * done // max(total, 1)
    rate = done / max(time.perf_counter() - started, 1e-9)
    print(f"\rsimulating [{'#' * filled}{'.' * (30 - filled)}] {done:,}/{total:,} {rate:,.0f}/s", end="",
          file=sys.stderr, flush=True)


def simulate(args: argparse.Namespace) -> int:
    try:
        active, candidate = (Evaluator(load_policy_set(p)) for p in (args.active, args.candidate))
    except PolicySetInvalid as exc:
        print(exc, file=sys.stderr)
        return 1
    as_of = parse_as_of(args.as_of)
    with open(args.input, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    try:
        report = run(active, candidate, rows, as_of)
    except FactError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 2
    write_report(report, args.output)
    return 0


def run(active: Evaluator, candidate: Evaluator, rows: list[dict[str, Any]], as_of: dt.datetime) -> dict[str, Any]:
    batches = [BatchEvaluator(e, "commission", as_of) for e in (active, candidate)]
    totals = [0, 0]
    by: dict[str, dict[str, list[int]]] = {k: defaultdict(lambda: [0, 0]) for k in ("category", "tier", "seller")}
    started = time.perf_counter()
    for i, row in enumerate(rows, start=1):
        facts = {k: v for k, v in row.items() if k not in NOT_FACTS}
        for v, batch in enumerate(batches):
            fen = int(batch.decide(facts, money_ints_are_fen=False)[1].get("commission", 0))
            totals[v] += fen
            for key, value in (("category", row["category"]), ("tier", row.get("seller_tier", "unknown")),
                               ("seller", row.get("seller_id", "unknown"))):
                by[key][str(value)][v] += fen
        if i % 10_000 == 0 or i == len(rows):
            _progress(i, len(rows), started)
    print(file=sys.stderr)
    return {
        "active": active.policy_set.label, "candidate": candidate.policy_set.label, "lines": len(rows),
        "commission": {"active": format_yuan(totals[0]), "candidate": format_yuan(totals[1]),
                       "delta": format_yuan(totals[1] - totals[0])},
        **{f"delta_by_{key}": {name: format_yuan(b - a) for name, (a, b) in sorted(groups.items()) if a != b}
           for key, groups in by.items()},
    }
