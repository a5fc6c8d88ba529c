"""How fast stored decisions are re-checked: `verify_decisions` (read from the database page by page, the version
compiled once, each decision re-evaluated and compared) beside an anchor in the same run, the same decisions
evaluated from memory with nothing read or compared.

    .venv/bin/python bench/replay.py [--decisions 20000]

The decisions are commission decisions of varied lines, recorded through the service's own recorder into a
fresh SQLite file migrated like the service's; the figure is projected to a million decisions.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tortoise.transactions import in_transaction  # noqa: E402

from engine import Evaluator, load_policy_set  # noqa: E402
from store.db import connected, migrate  # noqa: E402
from store.policy_versions import PolicyVersion  # noqa: E402
from workflows.common.decisions import record_decisions  # noqa: E402
from workflows.policies.replay import verify_decisions  # noqa: E402
from workflows.policies.versions import store_version  # noqa: E402

CATEGORIES = ["fresh_fruit", "snacks", "cosmetics", "baby_care", "womens_clothing", "shoes"]
AS_OF = dt.datetime(2026, 11, 10, tzinfo=dt.UTC)


def lines(n: int) -> list[dict[str, object]]:
    rng = random.Random(7)
    out: list[dict[str, object]] = []
    for _ in range(n):
        facts: dict[str, object] = {"category": rng.choice(CATEGORIES), "price": rng.randint(100, 50_000),
                                    "quantity": rng.randint(1, 5)}
        if rng.random() < 0.3:
            facts["supplier_rate_bp"] = rng.randint(500, 3000)
        if rng.random() < 0.2:
            facts["refunded_amount"] = rng.randint(1, int(facts["price"]))  # type: ignore[call-overload]
        out.append(facts)
    return out


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--decisions", type=int, default=20_000)
    parser.add_argument("--smoke", action="store_true", help="a second or two at tiny sizes: does it still run?")
    args = parser.parse_args()
    n = 300 if args.smoke else args.decisions
    pset = load_policy_set(ROOT)
    evaluator = Evaluator(pset)
    inputs = lines(n)
    url = f"sqlite://{tempfile.mkdtemp()}/replay.sqlite3"
    await migrate(url)
    async with connected(url):
        await store_version(pset, "bench", "the shipped set", AS_OF)
        assert await PolicyVersion.all().count() == 1
        decisions = [(evaluator.evaluate("commission", facts, as_of=AS_OF), f"bench:{i}") for i, facts in
                     enumerate(inputs)]
        for start in range(0, n, 1000):
            async with in_transaction() as conn:
                await record_decisions(decisions[start:start + 1000], conn)
        started = time.perf_counter()
        for facts in inputs:
            evaluator.evaluate("commission", facts, as_of=AS_OF)
        anchor = time.perf_counter() - started
        started = time.perf_counter()
        report = await verify_decisions(None, None, None)
        replay = time.perf_counter() - started
    assert report["checked"] == n and report["mismatched"] == 0, report["mismatches"][:3]
    print(f"{n:,} stored commission decisions, SQLite, one process")
    print(f"{'run':<44}{'decisions/s':>14}{'seconds':>10}")
    print(f"{'anchor: evaluate the same inputs in memory':<44}{n / anchor:>14,.0f}{anchor:>10.2f}")
    print(f"{'verify_decisions: read, re-evaluate, compare':<44}{n / replay:>14,.0f}{replay:>10.2f}")
    print(f"replay runs at {anchor / replay:.0%} of the anchor's rate; a million decisions: "
          f"{1_000_000 / (n / replay) / 60:.1f} minutes")


if __name__ == "__main__":
    asyncio.run(main())
