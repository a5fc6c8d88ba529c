"""Decisions per second: through the runtime (durable_rules) versus plain Python, in the same run.

    .venv/bin/python bench/engine.py [--n 20000] [--repeat 3]

Every mode answers the same commission decisions for the same inputs (checked before timing):
  evaluator  - Evaluator.evaluate: facts checked, engine call, outputs, fired-rule trace
  engine     - the bare engine round trip (EngineRuntime.fire) on prepared values
  reference  - the plain-Python tree walk over the same compiled policy (engine.reference)
  hand_coded - the same decision written as Python `if`s: the floor
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from engine import Evaluator, load_policy_set  # noqa: E402
from engine.compiler import CATCH_ALL, engine_mode  # noqa: E402
from engine.outputs import apply_rate, resolve  # noqa: E402
from engine.reference import fired_rules  # noqa: E402

AS_OF = dt.datetime(2026, 11, 23, tzinfo=dt.UTC)
GROUP_RATES = {"food_health": 1500, "beauty_personal_care": 2000, "maternal_infant_home": 1200,
               "clothing_sports": 1000}


def hand_coded(facts: dict[str, int | str], group_of: dict[str, str]) -> int:
    amount = int(facts["price"]) * int(facts["quantity"])
    if "supplier_amount" in facts:
        return int(facts["supplier_amount"]) * int(facts["quantity"])
    if "supplier_rate_bp" in facts:
        return apply_rate(amount, int(facts["supplier_rate_bp"]))
    if facts["category"] == "fresh_fruit":
        return apply_rate(amount, 1799)
    return apply_rate(amount, GROUP_RATES.get(group_of[str(facts["category"])], 500))


def make_inputs(n: int, categories: list[str]) -> list[dict[str, int | str]]:
    rnd = random.Random(7)
    out = []
    for _ in range(n):
        facts: dict[str, int | str] = {"category": rnd.choice(categories), "price": rnd.randint(100, 500_000),
                                       "quantity": rnd.randint(1, 5)}
        roll = rnd.random()
        if roll < 0.1:
            facts["supplier_amount"] = rnd.randint(10, 5000)
        elif roll < 0.25:
            facts["supplier_rate_bp"] = rnd.randint(100, 3000)
        out.append(facts)
    return out


def timed(fn: Callable[[], object], n: int, repeat: int) -> float:
    """Median decisions per second over `repeat` runs."""
    rates = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        rates.append(n / (time.perf_counter() - t0))
    return statistics.median(rates)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--smoke", action="store_true", help="a second or two at tiny sizes: does it still run?")
    args = parser.parse_args()
    if args.smoke:
        args.n, args.repeat = 300, 1
    pset = load_policy_set(Path(__file__).resolve().parents[1])
    evaluator = Evaluator(pset)
    policy = pset.policies["commission"]
    group_of = {c: g for g, cats in pset.taxonomy.groups.items() for c in cats}
    inputs = make_inputs(args.n, sorted(pset.taxonomy.categories))
    prepared = [dict(evaluator.facts("commission", f), as_of=int(AS_OF.timestamp())) for f in inputs]
    [name], mode = evaluator.names["commission"], engine_mode(policy)
    runtime = evaluator.runtime

    def reference_commission(values: dict[str, int | str]) -> int:
        fired = fired_rules(policy, values)
        then = policy.rule(fired[0]).then if fired else policy.default
        return int(resolve(then, values)["commission"])

    for facts, values in zip(inputs[:2000], prepared[:2000], strict=True):  # same answers, or no figures
        want = hand_coded(facts, group_of)
        assert evaluator.evaluate("commission", facts, as_of=AS_OF).outputs["commission"] == want
        assert reference_commission(values) == want

    modes = {
        "evaluator": lambda: [evaluator.evaluate("commission", f, as_of=AS_OF) for f in inputs],
        "engine": lambda: [[r for r in runtime.fire(name, v, mode) if r != CATCH_ALL] for v in prepared],
        "reference": lambda: [reference_commission(v) for v in prepared],
        "hand_coded": lambda: [hand_coded(f, group_of) for f in inputs],
    }
    rates = {label: timed(fn, args.n, args.repeat) for label, fn in modes.items()}
    floor = rates["hand_coded"]
    print(f"commission decisions, n={args.n}, median of {args.repeat} runs, {len(policy.rules)} rules")
    print(f"{'mode':<12}{'decisions/s':>14}{'us/decision':>14}{'x slower than hand_coded':>27}")
    for label, rate in rates.items():
        print(f"{label:<12}{rate:>14,.0f}{1e6 / rate:>14.1f}{floor / rate:>27.1f}")


if __name__ == "__main__":
    main()
