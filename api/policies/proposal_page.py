"""The page of one four-eyes proposal: what it changes in business words and its impact over stored history (as
attached when it was proposed from a draft of the workbench; else the diff against the version in force, the
simulation a link away), and the approval form: a comment and an effective time typed in China time, shown with
its offset and in UTC beside it. A refused decision comes back here with what was typed."""

from __future__ import annotations

from typing import Any

from fastapi.responses import HTMLResponse

from api.common.auth import Principal
from engine import load_policy_bundle
from reports.pages import china_and_utc, render
from reports.simulation import history_page
from store import clock
from store.api_keys import Role
from workflows.policies.drafts import changes_view, draft_of_proposal
from workflows.policies.proposals import find_proposal, proposal_view
from workflows.policies.registry import PolicyRegistry


async def proposal_page(proposal_id: str, user: Principal, registry: PolicyRegistry, *, error: str = "",
                        kept: dict[str, str] | None = None, status: int = 200) -> HTMLResponse:
    proposal = await find_proposal(proposal_id)
    view = proposal_view(proposal)
    draft = await draft_of_proposal(proposal_id)
    now = clock.now()  # the platform's clock says which version is in force
    in_force = registry.at(now).policy_set
    # the impact attached when proposed was worked out against the version in force then
    attached_against = (draft.proposed_impact or {}).get("active") if draft is not None else None
    if view["state"] != "proposed" and draft is not None and draft.proposed_diff is not None:
        changes: list[dict[str, Any]] = draft.proposed_diff  # decided: what it changed, as proposed
        against = attached_against or draft.base_version
    else:  # waiting: what approving would change now, whatever was in force when it was proposed
        changes, against = changes_view(in_force, load_policy_bundle(proposal.version.files)), in_force.label
    context: dict[str, Any] = {
        "proposal": view, "draft": draft, "changes": changes, "in_force": in_force.label, "error": error,
        "against": against, "stale": view["state"] == "proposed" and attached_against not in (None, in_force.label),
        "attached_against": attached_against,
        "kept": kept or {}, "can_decide": user.role == Role.POLICY_ADMIN and view["state"] == "proposed",
        "own": proposal.author_judge == user.judge, "effective": china_and_utc(view["effective_from"]),
        "created": china_and_utc(view["created_at"]), "reviewed": china_and_utc(view["reviewed_at"]),
        "now": china_and_utc(now)}
    if draft is not None and draft.proposed_impact is not None:
        html = history_page(draft.proposed_impact, signed_in=user.name, template="policy_proposal.html.j2",
                            **context)
    else:
        html = render("policy_proposal.html.j2", report=None, commission=None, charts=[], signed_in=user.name,
                      **context)
    return HTMLResponse(html, status_code=status)
