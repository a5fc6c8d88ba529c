"""`xiaopu simulate --candidate PATH (--input FILE | --from T --to T) [--html FILE]`: the impact of a candidate.

With `--input`, order lines (JSONL) are replayed under the active policy files and the candidate; with
`--from/--to`, the stored history (ledger, sellers, supplier applications, disputes) is replayed under the
version in force now (from the database) and the candidate. Both report the commission delta per category,
tier and seller, and show progress; the history also names tier moves, eligibility flips and dispute steps."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections import defaultdict
from functools import partial
from pathlib import Path
from typing import Any

from cli.output import parse_as_of, progress_bar, write_report
from cli.store_session import policies_in_force, run_in_store
from engine import Evaluator, FactError, PolicySetInvalid, load_policy_set
from engine.batch import BatchEvaluator
from engine.fields import format_yuan
from reports.simulation import history_page, simulation_page
from store.settings import load_settings
from workflows.policies.history_simulation import simulate_history

NOT_FACTS = ("order_id", "seller_id")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("simulate", help="commission impact of a candidate policy set on order lines (JSONL)")
    p.add_argument("--candidate", required=True, help="folder of the candidate policy set")
    p.add_argument("--active", default=str(load_settings().policy_path),
                   help="folder of the policy set in force (default: XIAOPU_POLICY_PATH or the repository)")
    source = p.add_mutually_exclusive_group(required=True)
    source.add_argument("--input", help="JSONL, one order line per row: order_id, seller_id, seller_tier, "
                        "category, price (yuan), quantity, supplier_rate_bp / supplier_amount")
    source.add_argument("--from", dest="since", help="replay the stored history from this time (ISO 8601 with offset)")
    p.add_argument("--to", dest="until", help="... up to this time (default: now)")
    p.add_argument("--as-of", help="decision time, ISO 8601 with offset (default: now)")
    p.add_argument("--output", help="write the JSON report here instead of standard output")
    p.add_argument("--html", help="also write the report as an HTML page with charts")
    p.set_defaults(handler=simulate)


def simulate(args: argparse.Namespace) -> int:
    try:
        active, candidate = (Evaluator(load_policy_set(p)) for p in (args.active, args.candidate))
    except PolicySetInvalid as exc:
        print(exc, file=sys.stderr)
        return 1
    if args.since:
        return run_in_store("xiaopu simulate", partial(_history, candidate), args)
    as_of = parse_as_of(args.as_of)
    with open(args.input, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    try:
        report = run(active, candidate, rows, as_of)
    except FactError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 2
    write_report(report, args.output)
    if args.html:
        Path(args.html).write_text(simulation_page(report), encoding="utf-8")
    return 0


async def _history(candidate: Evaluator, args: argparse.Namespace) -> int:
    try:
        since, until = parse_as_of(args.since), parse_as_of(args.until)
    except ValueError as exc:
        print(f"xiaopu simulate: {exc}", file=sys.stderr)
        return 2
    active = (await policies_in_force(args.active)).current
    report = await simulate_history(active, candidate, since, until, progress_bar("simulating"))
    write_report(report, args.output)
    if args.html:
        Path(args.html).write_text(history_page(report), encoding="utf-8")
    return 0


def run(active: Evaluator, candidate: Evaluator, rows: list[dict[str, Any]], as_of: dt.datetime) -> dict[str, Any]:
    batches = [BatchEvaluator(e, "commission", as_of) for e in (active, candidate)]
    totals = [0, 0]
    by: dict[str, dict[str, list[int]]] = {k: defaultdict(lambda: [0, 0]) for k in ("category", "tier", "seller")}
    progress = progress_bar("simulating")
    for i, row in enumerate(rows, start=1):
        facts = {k: v for k, v in row.items() if k not in NOT_FACTS}
        for v, batch in enumerate(batches):
            fen = int(batch.decide(facts, money_ints_are_fen=False)[1].get("commission", 0))
            totals[v] += fen
            for key, value in (("category", row["category"]), ("tier", row.get("seller_tier", "unknown")),
                               ("seller", row.get("seller_id", "unknown"))):
                by[key][str(value)][v] += fen
        if i % 10_000 == 0 or i == len(rows):
            progress(i, len(rows))
    return {
        "active": active.policy_set.label, "candidate": candidate.policy_set.label, "lines": len(rows),
        "commission": {"active": format_yuan(totals[0]), "candidate": format_yuan(totals[1]),
                       "delta": format_yuan(totals[1] - totals[0])},
        **{f"delta_by_{key}": {name: format_yuan(b - a) for name, (a, b) in sorted(groups.items()) if a != b}
           for key, groups in by.items()},
    }
