"""Replay: re-evaluate stored decisions under the policy version that made them (its files from the versions
table, compiled once per version), with their stored facts and `as_of`, and compare outputs and fired rules
exactly. A decision that does not come out the same was changed after it was made, or the engine changed."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from typing import Any

from engine import Evaluator, load_policy_bundle
from engine.errors import FactError
from engine.fields import iso_utc
from store.decisions import DecisionRecord
from store.policy_versions import PolicyVersion
from workflows.common.errors import NotFound

PAGE = 2000


class CompiledVersions:
    """Each stored version compiled once (by its content hash, which decisions name)."""

    def __init__(self) -> None:
        self._by_hash: dict[str, Evaluator | None] = {}

    async def of(self, record: DecisionRecord) -> Evaluator | None:
        if record.content_hash not in self._by_hash:
            version = await PolicyVersion.get_or_none(content_hash=record.content_hash)
            if version is None:
                version = await PolicyVersion.filter(label=record.policy_version).first()
            self._by_hash[record.content_hash] = Evaluator(load_policy_bundle(version.files)) if version else None
        return self._by_hash[record.content_hash]


def replay_one(evaluator: Evaluator | None, record: DecisionRecord) -> dict[str, Any]:
    stored = {"outputs": record.outputs, "fired": [rule["id"] for rule in record.fired]}
    result: dict[str, Any] = {"decision_id": str(record.id), "policy": record.policy_id,
                              "policy_version": record.policy_version, "as_of": iso_utc(record.as_of),
                              "stored": stored}
    if evaluator is None:
        return {**result, "identical": False, "replayed": None, "differences": ["its policy version is not stored"]}
    policy = evaluator.policy(record.policy_id)
    # derived inputs (line_amount) are recomputed by the engine, never given
    facts = {k: v for k, v in record.facts.items() if k not in policy.inputs or not policy.inputs[k].derived}
    try:
        decision = evaluator.evaluate(record.policy_id, facts, as_of=record.as_of, money_ints_are_fen=False)
    except FactError as exc:
        return {**result, "identical": False, "replayed": None, "differences": [f"its facts are refused: {exc}"]}
    data = decision.to_dict()
    replayed = {"outputs": data["outputs"], "fired": decision.fired_ids}
    differences = [f"outputs.{name}: stored {stored['outputs'].get(name)!r}, replayed {data['outputs'].get(name)!r}"
                   for name in sorted(set(stored["outputs"]) | set(data["outputs"]))
                   if stored["outputs"].get(name) != data["outputs"].get(name)]
    if stored["fired"] != replayed["fired"]:
        differences.append(f"fired: stored {stored['fired']}, replayed {replayed['fired']}")
    if record.fired != data["fired"] and stored["fired"] == replayed["fired"]:
        differences.append("fired: the rules' recorded checks differ")
    return {**result, "identical": not differences, "replayed": replayed, "differences": differences}


async def verify_decision(decision_id: str) -> dict[str, Any]:
    record = await DecisionRecord.get_or_none(id=decision_id)
    if record is None:
        raise NotFound(f"no decision {decision_id!r}", code="decision_not_found")
    return replay_one(await CompiledVersions().of(record), record)


async def verify_decisions(since: dt.datetime | None, until: dt.datetime | None, policy: str | None,
                           progress: Callable[[int, int], None] | None = None) -> dict[str, Any]:
    """Every stored decision made in [since, until) (of one policy when given): the count, the mismatches with
    both answers, and the count per policy."""
    query = DecisionRecord.all()
    if since:
        query = query.filter(created_at__gte=since)
    if until:
        query = query.filter(created_at__lt=until)
    if policy:
        query = query.filter(policy_id=policy)
    total, done, versions = await query.count(), 0, CompiledVersions()
    per_policy: Counter[str] = Counter()
    mismatches: list[dict[str, Any]] = []
    last: Any = None
    while True:
        page_query = query.filter(id__gt=last) if last is not None else query
        page = await page_query.order_by("id").limit(PAGE)
        if not page:
            break
        for record in page:
            result = replay_one(await versions.of(record), record)
            per_policy[record.policy_id] += 1
            if not result["identical"]:
                mismatches.append(result)
        done += len(page)
        last = page[-1].id
        if progress:
            progress(done, total)
    if progress and total == 0:
        progress(0, 0)
    return {"checked": done, "identical": done - len(mismatches), "mismatched": len(mismatches),
            "per_policy": dict(sorted(per_policy.items())), "mismatches": mismatches}
