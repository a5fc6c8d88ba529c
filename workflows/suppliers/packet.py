"""The defensible packet of a decided application: everything the decision rests on, read only from what was
stored when it was made (the application, the requirement report, the decision record with its policy version
and content hash, the trail), so the same packet comes out byte for byte however the rules change later."""

from __future__ import annotations

from typing import Any

from engine import PolicyEvaluator
from store.decisions import DecisionRecord
from workflows.common.errors import Conflict
from workflows.integrity.seals import decision_standing
from workflows.suppliers.applications import application_view


async def application_packet(application_id: str, evaluator: PolicyEvaluator) -> dict[str, Any]:
    # without the deposit as it stands now: it moves on after the decision, the packet does not
    view = await application_view(application_id, evaluator, with_deposit=False)
    if view["status"] == "pending_review":
        raise Conflict(f"application {application_id} is not decided yet: its packet is made once it is",
                       code="not_decided")
    record = await DecisionRecord.get(id=view["decision_id"])
    standing = await decision_standing([str(record.id)])
    return {**view, "facts": record.facts, "content_hash": record.content_hash,
            "decision_as_of": record.as_of.isoformat(), "integrity": standing[str(record.id)]}
