"""Shadow mode: a candidate version decides beside the one in force on live traffic, and only its
differences are kept, with their money effect. The live answer is never touched: the candidate runs after
it, its errors are recorded as differences, and the differences are written by the registry's watch loop,
outside the request's transaction.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping
from typing import Any

from engine import Decision, Evaluator
from store.policy_versions import ShadowDifference

log = logging.getLogger("xiaopu.policy")
MAX_PENDING = 10_000  # differences waiting to be written; beyond it they are counted, not kept


def _summary(decision: Decision) -> dict[str, Any]:
    data = decision.to_dict()
    return {"version": decision.version, "rules": decision.fired_ids, "outputs": data["outputs"]}


def money_delta_fen(active: Decision, candidate: Decision) -> int:
    """Candidate minus active over every money output (what the difference costs or saves)."""
    delta = 0
    for name, kind in active.output_types.items():
        if kind == "money":
            delta += int(candidate.outputs.get(name) or 0) - int(active.outputs.get(name) or 0)
    return delta


class ShadowRecorder:
    def __init__(self) -> None:
        self.run_id: int | None = None
        self.candidate: Evaluator | None = None
        self.pending: list[ShadowDifference] = []
        self.dropped = 0

    def follow(self, run_id: int | None, candidate: Evaluator | None) -> None:
        self.run_id, self.candidate = run_id, candidate

    def compare(self, decision: Decision, facts: Mapping[str, Any], money_ints_are_fen: bool) -> None:
        run_id, candidate = self.run_id, self.candidate
        if run_id is None or candidate is None or decision.policy_id not in candidate.policy_set.policies:
            return
        try:
            other = candidate.evaluate(decision.policy_id, facts, as_of=decision.as_of,
                                       money_ints_are_fen=money_ints_are_fen)
        except Exception as exc:  # the candidate's failure is a finding, never the caller's problem
            self._keep(run_id, decision, {"version": candidate.policy_set.label, "error": str(exc)}, 0)
            return
        if other.fired_ids != decision.fired_ids or other.outputs != decision.outputs:
            self._keep(run_id, decision, _summary(other), money_delta_fen(decision, other))

    def _keep(self, run_id: int, decision: Decision, candidate: dict[str, Any], delta: int) -> None:
        if len(self.pending) >= MAX_PENDING:
            self.dropped += 1
            return
        self.pending.append(ShadowDifference(
            run_id=run_id, policy_id=decision.policy_id, active_version=decision.version,
            as_of=decision.as_of.astimezone(dt.UTC), facts=decision.to_dict()["facts"], active=_summary(decision),
            candidate=candidate, money_delta_fen=delta, recorded_at=dt.datetime.now(dt.UTC)))

    async def flush(self) -> None:
        batch, self.pending = self.pending, []
        if batch:
            await ShadowDifference.bulk_create(batch)
        if self.dropped:
            log.warning("shadow run %s: %d difference(s) not kept (more than %d waiting)", self.run_id, self.dropped,
                        MAX_PENDING)
            self.dropped = 0
