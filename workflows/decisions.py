"""Write a decision to the decision log in the caller's transaction."""

from __future__ import annotations

from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from engine import Decision
from engine.fields import iso_utc
from store.decisions import DecisionRecord


async def record_decision(decision: Decision, subject: str, conn: BaseDBAsyncClient) -> DecisionRecord:
    data = decision.to_dict()
    return await DecisionRecord.create(
        policy_id=decision.policy_id, policy_version=decision.version, content_hash=decision.content_hash,
        as_of=decision.as_of, facts=data["facts"], outputs=data["outputs"], fired=data["fired"],
        subject=subject, using_db=conn)


def decision_view(record: DecisionRecord) -> dict[str, Any]:
    return {"decision_id": str(record.id), "policy": record.policy_id, "policy_version": record.policy_version,
            "content_hash": record.content_hash, "as_of": iso_utc(record.as_of),
            "subject": record.subject, "facts": record.facts, "outputs": record.outputs, "fired": record.fired,
            "rules": record.rule_ids}
