"""What the reviewers' arbitration pages read beside the case itself: the cases a page at a time (those awaiting
the platform by their deadline; those it ruled on, or all, the latest opened first), and, for each step of a case,
the person whose key took it and the policy version that decided it (the case page is the record a reviewer
defends later)."""

from __future__ import annotations

from typing import Any, Literal

from tortoise.expressions import Q, Subquery
from tortoise.queryset import QuerySet

from engine.fields import format_yuan, iso_utc
from store.api_keys import ApiKey
from store.decisions import DecisionRecord
from store.disputes import Dispute, DisputeStep

Shown = Literal["awaiting", "arbitrated", "all"]
SHOWN: tuple[Shown, ...] = ("awaiting", "arbitrated", "all")


async def _cases(shown: Shown, after: str | None, matching: str) -> QuerySet[Dispute]:
    """The cases shown (those whose case, order or SKU names `matching`, when given), in the page's order, after
    the case `after` (the last one of the page before)."""
    found = Dispute.filter(Q(dispute_id__icontains=matching) | Q(order_id__icontains=matching)
                           | Q(sku__icontains=matching)) if matching else Dispute.all()
    if shown == "awaiting":  # the nearest deadline first; a case's id breaks ties
        cases = found.filter(state="in_arbitration").order_by("deadline_at", "dispute_id")
        last = await Dispute.get_or_none(dispute_id=after) if after else None
        if last is not None and last.deadline_at is not None:
            return cases.filter(Q(deadline_at__gt=last.deadline_at)
                                | Q(deadline_at=last.deadline_at, dispute_id__gt=last.dispute_id))
        return cases.filter(dispute_id__gt=after) if after else cases
    cases = found.order_by("-opened_at", "-dispute_id")  # the latest opened first (a party names its case)
    if shown == "arbitrated":
        ruled = DisputeStep.filter(actor="platform").exclude(actor_key="").values_list("dispute_id", flat=True)
        cases = cases.filter(dispute_id__in=Subquery(ruled))
    last = await Dispute.get_or_none(dispute_id=after) if after else None
    if last is not None:
        return cases.filter(Q(opened_at__lt=last.opened_at)
                            | Q(opened_at=last.opened_at, dispute_id__lt=last.dispute_id))
    return cases


async def arbitration_queue(shown: Shown, limit: int, after: str | None, matching: str = "") -> dict[str, Any]:
    """A page of cases as the platform names them, and the id the next page starts after (None on the last)."""
    rows = await (await _cases(shown, after, matching)).limit(limit + 1)
    return {"items": [{"dispute_id": d.dispute_id, "order_id": d.order_id, "sku": d.sku, "type": d.case_type,
                       "amount": format_yuan(d.amount_fen), "state": d.state, "owed_by": d.owed_by,
                       "deadline_at": iso_utc(d.deadline_at) if d.deadline_at else None} for d in rows[:limit]],
            "next": rows[limit - 1].dispute_id if len(rows) > limit else None}


async def step_records(dispute_id: str) -> dict[str, dict[str, str]]:
    """For each step of the case (by its decision id): who took it (the person of a reviewer's key, else the
    key) and the policy version and content hash that decided it."""
    steps = await DisputeStep.filter(dispute_id=dispute_id)
    records = {str(r.id): r for r in await DecisionRecord.filter(id__in=[s.decision_id for s in steps])}
    keys = {k.key_id: k for k in await ApiKey.filter(key_id__in={s.actor_key for s in steps if s.actor_key})}
    out: dict[str, dict[str, str]] = {}
    for step in steps:
        record, key = records.get(str(step.decision_id)), keys.get(step.actor_key)
        person = (key.person or f"key {key.key_id}") if key is not None and step.actor == "platform" else ""
        out[str(step.decision_id)] = {"by": person, "policy_version": record.policy_version if record else "",
                                      "content_hash": record.content_hash if record else ""}
    return out
