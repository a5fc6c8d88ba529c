"""GET /v1/decisions/{id}: the facts, the fired rules and the policy version behind a recorded decision."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import Query

from api.common.auth import Principal, require_role
from api.common.policy import ActiveEvaluator
from api.common.responses import DecisionOut, DecisionPageOut, DecisionVerificationOut, RuleCountsOut
from api.common.routing import api_router
from api.common.schemas import Id, PageCursor, UtcDatetime
from store.decisions import DecisionRecord
from workflows.common.decision_access import may_read_decision
from workflows.common.decisions import decision_cursor, decision_view, find_decisions, rule_fire_counts
from workflows.common.errors import InvalidInput, NotFound
from workflows.policies.replay import verify_decision

router = api_router(prefix="/v1/decisions", tags=["decisions"])


@router.get("", response_model=DecisionPageOut, dependencies=[require_role("reviewer", "policy_admin")])
async def list_decisions(policy: Id | None = None, rule: Id | None = None, since: UtcDatetime | None = None,
                         until: UtcDatetime | None = None, limit: int = Query(default=100, ge=1, le=500),
                         after: Annotated[PageCursor | None, Query(description="`next` of the last page")] = None,
                         offset: int = Query(default=0, ge=0, le=100_000,
                                             description="deprecated: use `after`; not with `after`")
                         ) -> dict[str, Any]:
    """The decision log, newest first. Page with `after` = the `next` of the previous page (stable while new
    decisions arrive); `offset`/`next_offset` still work for old clients."""
    if after and offset:
        raise InvalidInput("Give `after` or `offset`, not both.", code="invalid_input")
    records = await find_decisions(policy, rule, since, until, limit, offset, after)
    full = len(records) == limit
    return {"decisions": [decision_view(r) for r in records],
            "next": decision_cursor(records[-1]) if full else None,
            "next_offset": offset + limit if full and not after else None}


@router.get("/rule-counts", response_model=RuleCountsOut, dependencies=[require_role("reviewer", "policy_admin")])
async def rule_counts(policy: Id, evaluator: ActiveEvaluator, since: UtcDatetime | None = None,
                      until: UtcDatetime | None = None) -> dict[str, Any]:
    """Fire counts per rule of the policy in force; rules that never fired are listed too."""
    rules = [r.id for r in evaluator.policy(policy).rules]
    counts = await rule_fire_counts(policy, rules, since, until)
    return {"policy": policy, "policy_version": evaluator.policy_set.label,
            "rules": [{"rule_id": r, "fired": n} for r, n in counts.items()],
            "never_fired": [r for r in rules if counts[r] == 0]}


@router.get("/{decision_id}", response_model=DecisionOut)
async def read_decision(decision_id: uuid.UUID, principal: Annotated[Principal, require_role(
        "storefront", "seller", "supplier", "reviewer", "policy_admin")]) -> dict[str, Any]:
    """A decision about the caller's own object (the platform's people read every one)."""
    record = await DecisionRecord.get_or_none(id=decision_id)
    if record is None or not await may_read_decision(principal.caller, record.subject):
        raise NotFound(f"no decision {decision_id}", code="decision_not_found")
    return decision_view(record)


@router.get("/{decision_id}/verification", response_model=DecisionVerificationOut,
            dependencies=[require_role("reviewer", "policy_admin")])
async def verify(decision_id: uuid.UUID) -> dict[str, Any]:
    """The decision replayed under the policy version that made it, with its stored facts and as_of: identical,
    or both answers and what differs."""
    return await verify_decision(str(decision_id))
