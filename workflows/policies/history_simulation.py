"""Replay stored history under the version in force and a candidate: what the candidate would change.

- commission: every sale line of the ledger whose decision falls in the window, re-decided from the facts
  recorded with it, under both versions (batched: one engine call per distinct combination of the inputs
  the rules test); deltas per category, tier and seller.
- seller tiers: every seller's standing (current tier and counts) under both; who would move.
- supplier entry: every application decided in the window, re-decided from its recorded facts; whose
  eligibility would flip, with the requirements that fail under the candidate.
- disputes: every lifecycle step in the window, re-decided; the steps whose outcome would differ.

Reads only; writes nothing. `progress(done, total)` is called as lines are replayed.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from engine import Evaluator
from engine.batch import BatchEvaluator
from engine.facts import given_facts
from engine.fields import format_yuan, iso_utc
from store.commission import CommissionLine
from store.decisions import DecisionRecord
from store.sellers import Seller
from workflows.sellers.tiers import distinct_buyers

Progress = Callable[[int, int], None]
CHUNK = 5_000


async def _latest_decisions(policy_id: str, since: dt.datetime, until: dt.datetime) -> list[DecisionRecord]:
    """The latest decision per subject in the window (a recomputed line counts once, as it stands)."""
    rows = await DecisionRecord.filter(policy_id=policy_id, as_of__gte=since, as_of__lt=until).order_by("as_of")
    latest = {r.subject: r for r in rows}
    return list(latest.values())


async def _commission(active: Evaluator, candidate: Evaluator, since: dt.datetime, until: dt.datetime,
                      progress: Progress) -> dict[str, Any]:
    decisions = {str(d.id): d for d in await DecisionRecord.filter(policy_id="commission", as_of__gte=since,
                                                                   as_of__lt=until)}
    lines = [line for line in await CommissionLine.filter(kind="sale") if str(line.decision_id) in decisions]
    batches = [BatchEvaluator(e, "commission", until) for e in (active, candidate)]
    policy = active.policy("commission")
    totals = [0, 0]
    by: dict[str, dict[str, list[int]]] = {k: defaultdict(lambda: [0, 0]) for k in ("category", "tier", "seller")}
    for done, line in enumerate(lines, start=1):
        facts = given_facts(policy, decisions[str(line.decision_id)].facts)
        for v, batch in enumerate(batches):
            fen = int(batch.decide(facts, money_ints_are_fen=False)[1].get("commission", 0))
            totals[v] += fen
            for key, value in (("category", facts.get("category")), ("tier", facts.get("seller_tier", "none")),
                               ("seller", line.seller_id)):
                by[key][str(value)][v] += fen
        if done % CHUNK == 0 or done == len(lines):
            progress(done, len(lines))
    return {"lines": len(lines), "active": format_yuan(totals[0]), "candidate": format_yuan(totals[1]),
            "delta": format_yuan(totals[1] - totals[0]),
            **{f"by_{key}": [{"name": name, "active": format_yuan(a), "candidate": format_yuan(b),
                              "delta": format_yuan(b - a), "delta_fen": b - a}
                             for name, (a, b) in sorted(groups.items())]
               for key, groups in by.items()}}


async def _tiers(active: Evaluator, candidate: Evaluator, as_of: dt.datetime) -> list[dict[str, Any]]:
    moves = []
    for seller in await Seller.all().order_by("seller_id"):
        facts = {"current_tier": seller.tier, "qualifying_transactions": seller.qualifying_transactions,
                 "distinct_buyers": await distinct_buyers(seller.seller_id)}
        tiers = [str(e.evaluate("seller_tier", facts, as_of=as_of).outputs["tier"]) for e in (active, candidate)]
        if tiers[0] != tiers[1]:
            moves.append({"seller_id": seller.seller_id, "tier_now": seller.tier, "active": tiers[0],
                          "candidate": tiers[1]})
    return moves


async def _entry_flips(active: Evaluator, candidate: Evaluator, since: dt.datetime, until: dt.datetime
                       ) -> list[dict[str, Any]]:
    flips = []
    for record in await _latest_decisions("supplier_entry", since, until):
        facts = given_facts(active.policy("supplier_entry"), record.facts)
        a, c = (e.evaluate("supplier_entry", facts, as_of=record.as_of, money_ints_are_fen=False)
                for e in (active, candidate))
        if a.outputs["passed"] != c.outputs["passed"]:
            rules = {r.id for r in candidate.policy("supplier_entry").rules}
            flips.append({"subject": record.subject, "decided_at": iso_utc(record.as_of),
                          "active": "eligible" if a.outputs["passed"] else "not eligible",
                          "candidate": "eligible" if c.outputs["passed"] else "not eligible",
                          "failing_under_candidate": sorted(rules - set(c.fired_ids))})
    return flips


async def _dispute_steps(active: Evaluator, candidate: Evaluator, since: dt.datetime, until: dt.datetime
                         ) -> dict[str, Any]:
    rows = await DecisionRecord.filter(policy_id="dispute_lifecycle", as_of__gte=since, as_of__lt=until)
    differing = []
    for record in rows:
        facts = given_facts(active.policy("dispute_lifecycle"), record.facts)
        a, c = (e.evaluate("dispute_lifecycle", facts, as_of=record.as_of, money_ints_are_fen=False)
                for e in (active, candidate))
        if a.outputs != c.outputs:
            differing.append({"subject": record.subject, "as_of": iso_utc(record.as_of), "facts": record.facts,
                              "active": a.to_dict()["outputs"], "candidate": c.to_dict()["outputs"]})
    return {"steps": len(rows), "differing": differing}


async def simulate_history(active: Evaluator, candidate: Evaluator, since: dt.datetime, until: dt.datetime,
                           progress: Progress) -> dict[str, Any]:
    """The impact report of `candidate` against `active` over the stored history in [since, until)."""
    return {
        "active": active.policy_set.label, "candidate": candidate.policy_set.label,
        "from": iso_utc(since), "to": iso_utc(until),
        "commission": await _commission(active, candidate, since, until, progress),
        "tier_changes": await _tiers(active, candidate, until),
        "supplier_eligibility_flips": await _entry_flips(active, candidate, since, until),
        "disputes": await _dispute_steps(active, candidate, since, until),
    }
