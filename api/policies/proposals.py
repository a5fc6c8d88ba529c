"""Four eyes over policy changes: the proposals one person made, approved or rejected by another."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import Query, Response
from pydantic import Field, StringConstraints

from api.common.auth import Principal, require_role
from api.common.policy import Registry
from api.common.routing import api_router
from api.common.schemas import Id, RowCursor, Strict, UtcDatetime, utc
from api.policies.responses import ProposalOut, ProposalsOut, PublishedOut
from workflows.policies.proposals import approve, find_proposal, proposal_view, proposals_view, reject
from workflows.policies.timeline import version_view

router = api_router(prefix="/v1", tags=["policy versions"])
Admin = Annotated[Principal, require_role("policy_admin")]
Reader = require_role("reviewer", "policy_admin")
Comment = Annotated[str, StringConstraints(min_length=1, max_length=2000)]


class ApprovalRequest(Strict):
    comment: Comment = Field(description="why this change may go in force")
    effective_from: UtcDatetime | None = Field(default=None, description="when it takes over (default: the time "
                                               "proposed, else now)")
    in_force_seen: Annotated[str, StringConstraints(min_length=1, max_length=80)] | None = Field(
        default=None, description="the label of the version in force that the change was read against: when "
        "another is in force now, 409 `in_force_changed` and nothing changes (a proposal is a whole set of files: "
        "approved after another change went in force, it would undo that change)")


class RejectionRequest(Strict):
    comment: Comment


@router.get("/policy-proposals", response_model=ProposalsOut, dependencies=[Reader])
async def list_proposals(state: Literal["proposed", "approved", "rejected", "withdrawn"] | None = None,
                         limit: Annotated[int, Query(ge=1, le=200)] = 50,
                         after: Annotated[RowCursor | None, Query()] = None) -> dict[str, Any]:
    """Proposals, oldest first; `state=proposed` lists those waiting for a second person."""
    return await proposals_view(state, limit, after)


@router.get("/policy-proposals/{proposal_id}", response_model=ProposalOut, dependencies=[Reader])
async def get_proposal(proposal_id: Id) -> dict[str, Any]:
    return proposal_view(await find_proposal(proposal_id))


@router.post("/policy-proposals/{proposal_id}/approval", response_model=PublishedOut, status_code=201)
async def approve_proposal(proposal_id: Id, body: ApprovalRequest, principal: Admin, response: Response,
                           registry: Registry) -> dict[str, Any]:
    """A second person puts the proposed version in force; the author cannot (403 `approver_is_author`)."""
    proposal, done = await approve(proposal_id, reviewer=principal.name, reviewer_judge=principal.judge,
                                   comment=body.comment, now=utc(None), effective_from=body.effective_from,
                                   in_force_seen=body.in_force_seen)
    await registry.refresh()
    response.status_code = 201 if done.applied else 200
    a = done.activation
    return {"version": version_view(done.version), "new_version": False, "proposal": proposal_view(proposal),
            "activation": {"activation_id": a.activation_id, "effective_from": a.effective_from.isoformat(),
                           "kind": a.kind}}


@router.post("/policy-proposals/{proposal_id}/rejection", response_model=ProposalOut)
async def reject_proposal(proposal_id: Id, body: RejectionRequest, principal: Admin) -> dict[str, Any]:
    """Another person rejects the proposal, or its author withdraws it; nothing changes in force."""
    return proposal_view(await reject(proposal_id, reviewer=principal.name, reviewer_judge=principal.judge,
                                      comment=body.comment, now=utc(None)))
