"""Pages for policy teams: the versions and their timeline, the proposals waiting for a second person (approve
with a comment and an effective time in China time, reject or withdraw), cancelling a scheduled activation,
the diff between two versions, the impact simulation of a stored version over the stored history, and the
rollback form. Policy admins sign in with
their key (a page session of /policy, api/common/page_session.py); reviewers may read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from typing import Literal

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api.common.auth import Principal
from api.common.form_tokens import FORM_ID, new_form_id
from api.common.page_session import POLICY, PagePolicyUser
from api.common.policy import Registry
from api.common.routing import serve_routes
from api.common.schemas import Id, RowCursor, UtcDatetime, utc
from api.policies.endpoints import VersionRef
from api.policies.proposal_page import proposal_page
from engine import Evaluator
from engine.diff import diff
from reports.pages import CHINA, render
from reports.simulation import history_page
from store.api_keys import Role
from workflows.common.errors import InvalidInput, NotAllowed, WorkflowError
from workflows.common.timeline import TimeOutOfBounds, in_platform_range
from workflows.policies.history_simulation import simulate_history
from workflows.policies.proposals import approve, proposals_view, reject
from workflows.policies.registry import PolicyRegistry
from workflows.policies.shadow_runs import latest_run, shadow_report
from workflows.policies.timeline import recent_versions, stored_set, timeline_view
from workflows.policies.versions import cancel_activation, rollback, rollback_target

router = APIRouter(prefix="/policy", include_in_schema=False)
VERSIONS_PAGE = 50  # stored versions per page, newest first
TIMELINE_SHOWN = 30  # the latest activations shown unless all are asked for (in force and scheduled: always)


@router.get("/sign-in", response_class=HTMLResponse)
async def sign_in_page() -> str:
    return render("policy_sign_in.html.j2", error="")


@router.post("/sign-in")
async def sign_in(request: Request) -> Response:
    return await POLICY.sign_in(request)


@router.post("/sign-out")
async def sign_out(request: Request) -> Response:
    return await POLICY.sign_out(request)


async def _versions_page(user: Principal, error: str = "", status: int = 200, *, kept: dict[str, str] | None = None,
                         kept_for: str = "", before: int | None = None, whole: bool = False) -> HTMLResponse:
    """The page; after a refused form, with the error and what was typed beside the form it came from (`kept_for`:
    a proposal's id, or "rollback")."""
    try:
        shadow = await shadow_report(await latest_run(), 0, None)
    except WorkflowError:
        shadow = None
    now = utc(None)
    timeline = await timeline_view(now)
    activations = timeline.pop("activations")
    if not whole:  # the latest, from the one in force at the latest: the timeline grows with every change
        live = [i for i, a in enumerate(activations) if a["state"] == "in force"]
        start = max(0, min(len(activations) - TIMELINE_SHOWN, *live))
        timeline["earlier"], activations = start, activations[start:]
    waiting = (await proposals_view("proposed", 200, None))["items"]
    stored = await recent_versions(VERSIONS_PAGE, before)
    html = render("policy_versions.html.j2", **timeline, activations=activations, versions=stored["versions"],
                  older=stored["older"],
                  before=before,
                  shadow=shadow, error=error, signed_in=user.name, can_publish=user.role == Role.POLICY_ADMIN,
                  proposals=waiting, kept=kept or {}, kept_for=kept_for, rollback_to=await rollback_target(now),
                  form_id=new_form_id())
    return HTMLResponse(html, status_code=status)


@router.get("/versions", response_class=HTMLResponse)
async def versions_page(user: PagePolicyUser, before: RowCursor | None = None,
                        timeline: Literal["latest", "all"] = "latest") -> HTMLResponse:
    """The timeline (its latest activations, or all), the proposals waiting, and the stored versions newest first
    a page at a time (`before`: the oldest version of the page before)."""
    return await _versions_page(user, before=before, whole=timeline == "all")


@router.post("/rollback")
async def rollback_form(request: Request, user: PagePolicyUser) -> Response:
    """Put back the version the page named (`target`), once per page (`form_id`): a second click of the same form
    answers the first rollback, where it had rolled back a second version."""
    form = await request.form()
    message, target = str(form.get("message", "")).strip(), str(form.get("target", "")).strip()
    form_id = str(form.get("form_id", ""))
    try:
        if user.role != Role.POLICY_ADMIN:
            raise NotAllowed("Only a policy admin may roll back.")
        if not message:
            raise InvalidInput("Say why you roll back.")
        if form_id and not FORM_ID.fullmatch(form_id):
            raise InvalidInput("The form is not one this page sent: open the versions page again.")
        await rollback(author=user.name, message=message, now=utc(None), target=target or None,
                       activation_id=f"rollback-{form_id}" if form_id else None)
    except WorkflowError as exc:
        return await _versions_page(user, exc.message, exc.status, kept={"message": message}, kept_for="rollback")
    return RedirectResponse("/policy/versions", status_code=303)


def _china_time(text: str) -> dt.datetime | None:
    """A time typed on the page: China time unless it carries its own offset; empty: none. Held to the times the
    platform takes at all, as the API's are (typed near the end of the calendar it overflowed: a 500)."""
    if not text.strip():
        return None
    try:
        moment = dt.datetime.fromisoformat(text.strip().replace("T", " ").replace("Z", "+00:00"))
    except ValueError:
        raise InvalidInput(f"{text.strip()!r} is not a time; write it as 2026-12-12 00:00 (China time)") from None
    moment = moment if moment.tzinfo else moment.replace(tzinfo=CHINA)
    if in_platform_range(moment) is None:
        raise TimeOutOfBounds(f"{text.strip()!r} is out of range: give a time from 1970 to 2999")
    return moment


async def _decided(request: Request, user: Principal, decide: Callable[[str, str], Awaitable[object]],
                   proposal_id: str, registry: PolicyRegistry) -> Response:
    form = await request.form()
    comment = str(form.get("comment", "")).strip()
    try:
        if user.role != Role.POLICY_ADMIN:
            raise NotAllowed("Only a policy admin may decide on a proposal.")
        if not comment:
            raise InvalidInput("Say why, in the comment.")
        await decide(comment, str(form.get("effective_from", "")))
    except WorkflowError as exc:  # back to the page it was sent from, with what was typed
        kept = {k: str(form.get(k, "")) for k in ("comment", "effective_from")}
        if form.get("back") == "proposal":
            return await proposal_page(proposal_id, user, registry, error=exc.message, kept=kept, status=exc.status)
        return await _versions_page(user, exc.message, exc.status, kept=kept, kept_for=proposal_id)
    return RedirectResponse("/policy/versions", status_code=303)


@router.get("/proposals/{proposal_id}", response_class=HTMLResponse)
async def proposal_details(proposal_id: Id, user: PagePolicyUser, registry: Registry) -> HTMLResponse:
    """A proposal with its diff and impact, and the form to approve, reject or withdraw it."""
    return await proposal_page(proposal_id, user, registry)


@router.post("/proposals/{proposal_id}/approval")
async def approval_form(proposal_id: Id, request: Request, user: PagePolicyUser, registry: Registry) -> Response:
    # the version in force that the page showed the change against (a form from before pages sent it: refused)
    seen = str((await request.form()).get("in_force_seen", "")) or "a page that named no version"

    async def decide(comment: str, effective: str) -> None:
        await approve(proposal_id, reviewer=user.name, reviewer_judge=user.judge, comment=comment, now=utc(None),
                      effective_from=_china_time(effective), in_force_seen=seen)
        await registry.refresh()
    return await _decided(request, user, decide, proposal_id, registry)


@router.post("/proposals/{proposal_id}/rejection")
async def rejection_form(proposal_id: Id, request: Request, user: PagePolicyUser, registry: Registry) -> Response:
    async def decide(comment: str, _: str) -> None:
        await reject(proposal_id, reviewer=user.name, reviewer_judge=user.judge, comment=comment, now=utc(None))
    return await _decided(request, user, decide, proposal_id, registry)


@router.post("/activations/{activation_id}/cancellation")
async def cancellation_form(activation_id: Id, user: PagePolicyUser, registry: Registry) -> Response:
    try:
        if user.role != Role.POLICY_ADMIN:
            raise NotAllowed("Only a policy admin may cancel an activation.")
        await cancel_activation(activation_id, by=user.name, now=utc(None))
        await registry.refresh()
    except WorkflowError as exc:
        return await _versions_page(user, exc.message, exc.status)
    return RedirectResponse("/policy/versions", status_code=303)


@router.get("/diff", response_class=HTMLResponse)
async def diff_page(old: VersionRef, new: VersionRef, user: PagePolicyUser) -> str:
    before, after = await stored_set(old), await stored_set(new)
    groups: dict[str, list[object]] = {}
    for change in diff(before, after):
        groups.setdefault(change.policy, []).append(change)
    return render("policy_diff.html.j2", old=before.label, new=after.label, groups=list(groups.items()),
                  signed_in=user.name)


@router.get("/simulation", response_class=HTMLResponse)
async def simulation_page(candidate: VersionRef, user: PagePolicyUser, registry: Registry,
                          since: UtcDatetime | None = None, until: UtcDatetime | None = None) -> str:
    """The stored history (default: the last 30 days) replayed under the version in force and `candidate`."""
    until = until or utc(None)
    since = since or until - dt.timedelta(days=30)
    proposed = Evaluator(await stored_set(candidate))  # compiled for this page only (rulesets are shared)
    try:
        report = await simulate_history(registry.at(until), proposed, since, until, lambda done, total: None)
    finally:
        proposed.close()
    return history_page(report, signed_in=user.name)


def install_policy_pages(app: FastAPI) -> None:
    serve_routes(app, router)
