"""Write a decision to the decision log in the caller's transaction."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from engine import Decision
from engine.fields import iso_utc
from store.decisions import DecisionRecord, FiredRule


async def record_decision(decision: Decision, subject: str, conn: BaseDBAsyncClient) -> DecisionRecord:
    return (await record_decisions([(decision, subject)], conn))[0]


async def record_decisions(decisions: list[tuple[Decision, str]], conn: BaseDBAsyncClient) -> list[DecisionRecord]:
    """Several (decision, subject) pairs in two INSERTs, whatever their number (an order's lines)."""
    records, fired = [], []
    for decision, subject in decisions:
        data = decision.to_dict()
        as_of = decision.as_of.astimezone(dt.UTC)  # stored times are UTC; SQLite compares them as text
        record = DecisionRecord(
            id=uuid.uuid4(), policy_id=decision.policy_id, policy_version=decision.version,
            content_hash=decision.content_hash, as_of=as_of, facts=data["facts"], outputs=data["outputs"],
            fired=data["fired"], subject=subject, created_at=dt.datetime.now(dt.UTC))
        records.append(record)
        fired += [FiredRule(decision_id=record.id, policy_id=decision.policy_id, rule_id=rule_id, as_of=as_of)
                  for rule_id in decision.fired_ids]
    await DecisionRecord.bulk_create(records, using_db=conn)
    if fired:
        await FiredRule.bulk_create(fired, using_db=conn)
    return records


def decision_view(record: DecisionRecord) -> dict[str, Any]:
    return {"decision_id": str(record.id), "policy": record.policy_id, "policy_version": record.policy_version,
            "content_hash": record.content_hash, "as_of": iso_utc(record.as_of),
            "subject": record.subject, "facts": record.facts, "outputs": record.outputs, "fired": record.fired,
            "rules": record.rule_ids}


async def find_decisions(policy: str | None, rule: str | None, since: dt.datetime | None, until: dt.datetime | None,
                         limit: int, offset: int) -> list[DecisionRecord]:
    """Recorded decisions, newest first, by policy, fired rule and time."""
    query = DecisionRecord.all()
    if rule:
        ids = FiredRule.filter(rule_id=rule, **({"policy_id": policy} if policy else {})).values_list("decision_id",
                                                                                                         flat=True)
        query = query.filter(id__in=await ids)
    if policy:
        query = query.filter(policy_id=policy)
    if since:
        query = query.filter(as_of__gte=since)
    if until:
        query = query.filter(as_of__lt=until)
    return await query.order_by("-as_of", "-created_at").offset(offset).limit(limit)


async def rule_fire_counts(policy_id: str, rule_ids: list[str], since: dt.datetime | None,
                           until: dt.datetime | None) -> dict[str, int]:
    """How often each rule fired (zero included, so a dead rule shows)."""
    query = FiredRule.filter(policy_id=policy_id)
    if since:
        query = query.filter(as_of__gte=since)
    if until:
        query = query.filter(as_of__lt=until)
    counts = dict.fromkeys(rule_ids, 0)
    for rule_id in await query.values_list("rule_id", flat=True):
        counts[str(rule_id)] = counts.get(str(rule_id), 0) + 1
    return counts
