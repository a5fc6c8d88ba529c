"""1,000,000 synthetic order lines replayed under two policy versions (the shipped set and a candidate
that pays fresh fruit 16% instead of 17.99%): time, lines per second, and the commission delta.

    .venv/bin/python bench/simulate.py [--orders 1000000]

Every decision comes from durable_rules through engine.batch (one engine call per distinct combination of
what the rules test); the baseline in the same run is one Evaluator.evaluate per line on a sample.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from engine import Evaluator, load_policy_set  # noqa: E402
from engine.batch import BatchEvaluator  # noqa: E402
from engine.fields import format_yuan  # noqa: E402
from engine.runtime import EngineRuntime  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
AS_OF = dt.datetime(2026, 12, 8, tzinfo=dt.UTC)


def candidate_folder() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="xiaopu-candidate-"))
    shutil.copytree(ROOT / "rules", folder / "rules")
    shutil.copy(ROOT / "policies.yaml", folder / "policies.yaml")
    path = folder / "rules" / "commission.yaml"
    text = path.read_text().replace("{rate_bp: 1799, commission: {rate: 1799,",
                                    "{rate_bp: 1600, commission: {rate: 1600,")
    path.write_text(text)
    return folder


def orders(n: int, categories: list[str]) -> list[dict[str, object]]:
    rnd = random.Random(11)
    out = []
    for _ in range(n):
        line: dict[str, object] = {"category": rnd.choice(categories), "price": rnd.randint(100, 200_000),
                                   "quantity": rnd.randint(1, 4)}
        if rnd.random() < 0.2:
            line["supplier_rate_bp"] = rnd.randint(500, 3000)
        out.append(line)
    return out


def progress(label: str, done: int, total: int, started: float) -> None:
    width = 30
    filled = width * done // total
    rate = done / max(time.perf_counter() - started, 1e-9)
    print(f"\r{label:<10} [{'#' * filled}{'.' * (width - filled)}] {done:>9,}/{total:,}  {rate:>9,.0f}/s", end="",
          file=sys.stderr, flush=True)


def replay(label: str, evaluator: Evaluator, lines: list[dict[str, object]]) -> tuple[float, dict[str, int], int]:
    batch = BatchEvaluator(evaluator, "commission", AS_OF)
    per_category: dict[str, int] = defaultdict(int)
    started = time.perf_counter()
    step = max(len(lines) // 50, 1)
    for i, line in enumerate(lines):
        _, outputs = batch.decide(line)
        per_category[str(line["category"])] += int(outputs.get("commission", 0))
        if i % step == 0:
            progress(label, i, len(lines), started)
    progress(label, len(lines), len(lines), started)
    print(file=sys.stderr)
    return time.perf_counter() - started, per_category, batch.engine_calls


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--orders", type=int, default=1_000_000)
    parser.add_argument("--smoke", action="store_true", help="a second or two at tiny sizes: does it still run?")
    args = parser.parse_args()
    if args.smoke:
        args.orders = 2_000
    runtime = EngineRuntime()
    active = Evaluator(load_policy_set(ROOT), runtime)
    candidate = Evaluator(load_policy_set(candidate_folder()), runtime)
    categories = sorted(active.policy_set.taxonomy.categories)
    t0 = time.perf_counter()
    lines = orders(args.orders, categories)
    generated = time.perf_counter() - t0

    sample = lines[:20_000]
    t0 = time.perf_counter()
    for line in sample:
        active.evaluate("commission", line, as_of=AS_OF)
    single_rate = len(sample) / (time.perf_counter() - t0)

    total_start = time.perf_counter()
    t_active, by_cat_active, calls_a = replay("active", active, lines)
    t_candidate, by_cat_candidate, calls_c = replay("candidate", candidate, lines)
    total = time.perf_counter() - total_start
    print(f"{args.orders:,} order lines generated in {generated:.1f} s; replayed under two versions in {total:.1f} s")
    print(f"{'version':<12}{'seconds':>9}{'lines/s':>12}{'engine calls':>14}{'commission (RMB)':>20}")
    for label, seconds, by_cat, calls in (("active", t_active, by_cat_active, calls_a),
                                         ("candidate", t_candidate, by_cat_candidate, calls_c)):
        print(f"{label:<12}{seconds:>9.1f}{args.orders / seconds:>12,.0f}{calls:>14,}"
              f"{format_yuan(sum(by_cat.values())):>20}")
    print(f"baseline, one evaluation per line (20,000 sampled): {single_rate:,.0f} lines/s -> "
          f"{2 * args.orders / single_rate:.0f} s for both versions; batch is "
          f"{(2 * args.orders / single_rate) / total:.1f}x faster")
    print("commission delta by category (candidate - active), non-zero only:")
    for category in sorted(by_cat_active):
        delta = by_cat_candidate[category] - by_cat_active[category]
        if delta:
            print(f"  {category:<20}{format_yuan(delta):>16}")


if __name__ == "__main__":
    main()
