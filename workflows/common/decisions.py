"""Write a decision to the decision log in the caller's transaction."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.expressions import Q

from engine import Decision, FactError, PolicyEvaluator
from engine.fields import iso_utc
from store.decisions import DecisionRecord, FiredRule
from store.row_writes import NewRows, insert_rows
from workflows.common.cursors import cursor_of, cursor_time, invalid_cursor, position_of
from workflows.common.errors import InvalidInput
from workflows.common.metrics import count_decision

# The ids of the decisions recorded while handling one API call, for its audit entry (the API sets a list).
recorded_decisions: ContextVar[list[str] | None] = ContextVar("recorded_decisions", default=None)


def decide(evaluator: PolicyEvaluator, policy_id: str, facts: Mapping[str, Any], as_of: dt.datetime,
           field: str) -> Decision:
    """Evaluate; facts the policy refuses become 422 `invalid_fact`, each named under `field` of the request."""
    try:
        return evaluator.evaluate(policy_id, facts, as_of=as_of)
    except FactError as exc:
        problems = [{"field": f"{field}.{name}", "message": message} for name, message in exc.problems]
        raise InvalidInput(exc.message, code="invalid_fact", errors=problems) from exc


async def record_decision(decision: Decision, subject: str, conn: BaseDBAsyncClient) -> DecisionRecord:
    return (await record_decisions([(decision, subject)], conn))[0]


async def record_decisions(decisions: list[tuple[Decision, str]], conn: BaseDBAsyncClient) -> list[DecisionRecord]:
    """Several (decision, subject) pairs in one statement on PostgreSQL (two on SQLite), whatever their number (an
    order's lines), without the ORM's per-row work (store/row_writes.py); the records as the log holds them."""
    rows, fired = [], []
    for decision, subject in decisions:
        values, rules = decision_rows(decision, subject)
        rows.append(values)
        fired += rules
    await insert_rows(conn, [NewRows(DecisionRecord, rows), NewRows(FiredRule, fired)])
    records = [DecisionRecord(**values) for values in rows]
    for record in records:
        record._saved_in_db = True  # as stored: usable as a relation, never inserted twice by a save()
    note_recorded([decision for decision, _ in decisions], [record.id for record in records])
    return records


def decision_rows(decision: Decision, subject: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The decision log's row of `decision` (a new id) and its fired rules' rows, as field values."""
    data = decision.to_dict()
    as_of = decision.as_of.astimezone(dt.UTC)  # stored times are UTC; SQLite compares them as text
    record_id = uuid.uuid4()
    values = {"id": record_id, "policy_id": decision.policy_id, "policy_version": decision.version,
              "content_hash": decision.content_hash, "as_of": as_of, "facts": data["facts"],
              "outputs": data["outputs"], "fired": data["fired"], "subject": subject,
              "created_at": dt.datetime.now(dt.UTC)}
    rules = [{"decision_id": record_id, "policy_id": decision.policy_id, "rule_id": rule_id, "as_of": as_of}
             for rule_id in decision.fired_ids]
    return values, rules


def note_recorded(decisions: list[Decision], ids: list[uuid.UUID]) -> None:
    """Decisions just written: named in the request's audit entry, counted in the metrics."""
    sink = recorded_decisions.get()
    for decision, record_id in zip(decisions, ids, strict=True):
        if sink is not None:
            sink.append(str(record_id))
        count_decision(decision.policy_id, decision.fired_ids)


@contextmanager
def recording(decisions: list[Decision], ids: list[uuid.UUID]) -> Iterator[None]:
    """Decisions the block writes: named in the request's audit entry from its start (an entry written in the
    same statement names them), counted in the metrics once written; when the block fails, named nowhere."""
    sink = recorded_decisions.get()
    names = [str(record_id) for record_id in ids]
    if sink is not None:
        sink.extend(names)
    try:
        yield
    except BaseException:
        if sink is not None:
            for name in names:
                sink.remove(name)
        raise
    for decision in decisions:
        count_decision(decision.policy_id, decision.fired_ids)


def decision_view(record: DecisionRecord) -> dict[str, Any]:
    return {"decision_id": str(record.id), "policy": record.policy_id, "policy_version": record.policy_version,
            "content_hash": record.content_hash, "as_of": iso_utc(record.as_of),
            "subject": record.subject, "facts": record.facts, "outputs": record.outputs, "fired": record.fired,
            "rules": record.rule_ids}


def decision_cursor(record: DecisionRecord) -> str:
    """An opaque cursor: the position of `record` in the newest-first order (as_of, created_at, id)."""
    return cursor_of(record.as_of.astimezone(dt.UTC).isoformat(), record.created_at.astimezone(dt.UTC).isoformat(),
                     str(record.id))


def parse_decision_cursor(cursor: str) -> tuple[dt.datetime, dt.datetime, uuid.UUID]:
    as_of, created_at, record_id = position_of(cursor, 3)
    try:
        return cursor_time(as_of), cursor_time(created_at), uuid.UUID(record_id)
    except ValueError as exc:
        raise invalid_cursor() from exc


async def find_decisions(policy: str | None, rule: str | None, since: dt.datetime | None, until: dt.datetime | None,
                         limit: int, offset: int, after: str | None = None) -> list[DecisionRecord]:
    """Recorded decisions, newest first, by policy, fired rule and time; `after` continues after a page."""
    query = DecisionRecord.all()
    if after:
        as_of, created_at, record_id = parse_decision_cursor(after)
        query = query.filter(Q(as_of__lt=as_of) | Q(as_of=as_of, created_at__lt=created_at)
                             | Q(as_of=as_of, created_at=created_at, id__lt=record_id))
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
    return await query.order_by("-as_of", "-created_at", "-id").offset(offset).limit(limit)


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
