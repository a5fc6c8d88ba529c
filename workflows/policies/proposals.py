"""Four eyes: a change to money rules is proposed by one person and approved by a different one.

Whether a change needs a second person is said by the policy sets themselves (the manifest's `four_eyes`, on unless
a set says `false`): the set in force now, a set scheduled to take over later, or the candidate, asking for it is
enough, so a set cannot switch the approval off by itself. A proposal names a stored version and, optionally, the
time it should take effect; approving it (with a comment, and possibly another effective time) puts it in force
through the same activation as a publish, idempotently by the proposal; the author can never approve their own,
whatever keys they hold. Both are named people: a key that names nobody (issued before keys named people, or a
development key given without a name) could be one person's second key, so it neither proposes nor approves. A
rollback stays one person's emergency step: it only returns to a version that was in force before.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from engine import PolicySet, load_policy_bundle
from engine.fields import iso_utc
from store.api_keys import names_a_person
from store.policy_versions import PolicyActivation, PolicyProposal, PolicyVersion
from workflows.common.audit_context import action_transaction
from workflows.common.errors import Conflict, InvalidInput, NotAllowed, NotFound
from workflows.common.paging import page_after
from workflows.policies.timeline import in_force_label
from workflows.policies.versions import (
    MAX_AUTHOR,
    PAST_TOLERANCE,
    Published,
    activations_until,
    publish,
    store_version,
)


async def needs_second_person(candidate: PolicySet, now: dt.datetime) -> bool:
    """Whether the candidate, the set in force now or any set scheduled to take over later asks for four eyes: a
    change scheduled past a set that asks for them would otherwise replace it on one person's word."""
    if candidate.four_eyes:
        return True
    history = await activations_until(now)
    scheduled = await PolicyActivation.filter(effective_from__gt=now.astimezone(dt.UTC), cancelled_at__isnull=True)
    ids = {*([history[-1].version_id] if history else []), *(a.version_id for a in scheduled)}
    return any(load_policy_bundle(version.files).four_eyes for version in await PolicyVersion.filter(id__in=ids))


def check_effective_from(effective_from: dt.datetime | None, now: dt.datetime) -> None:
    if effective_from is not None and effective_from < now - PAST_TOLERANCE:
        raise InvalidInput("effective_from is in the past; a version takes over now or later",
                           code="effective_from_in_past",
                           errors=[{"field": "effective_from", "message": "must not be in the past"}])


async def propose(version: PolicyVersion, *, author: str, author_judge: str, message: str, now: dt.datetime,
                  effective_from: dt.datetime | None = None, activation_id: str | None = None
                  ) -> tuple[PolicyProposal, bool]:
    """A new proposal (True), or the one made before under the caller's `activation_id` for the same version,
    time and author (False; 409 `activation_id_reused` when it differs). 403 `person_not_named` for a key that
    names nobody."""
    _named(author_judge, "proposing")
    check_effective_from(effective_from, now)
    when = effective_from.astimezone(dt.UTC) if effective_from else None
    if activation_id:
        existing = await PolicyProposal.get_or_none(activation_id=activation_id)
        if existing is not None or await PolicyActivation.exists(activation_id=activation_id):
            if existing is None or (existing.version_id, existing.effective_from, existing.author_judge) != (
                    version.id, when, author_judge):
                raise Conflict(f"activation {activation_id!r} was already received with a different body",
                               code="activation_id_reused")
            return existing, False
    proposal_id = f"prop_{secrets.token_hex(8)}"
    return await PolicyProposal.create(
        proposal_id=proposal_id, version=version, author=author[:MAX_AUTHOR], author_judge=author_judge,
        message=message, state="proposed", created_at=now.astimezone(dt.UTC), effective_from=when,
        activation_id=activation_id or f"approved_{proposal_id}"), True


async def propose_set(pset: PolicySet, *, author: str, author_judge: str, message: str, now: dt.datetime,
                      effective_from: dt.datetime | None = None, activation_id: str | None = None
                      ) -> tuple[PolicyVersion, bool, PolicyProposal, bool]:
    """Store a checked candidate and propose it: (version, stored now, proposal, proposed now). A time in the
    past, or a key that names nobody, is refused before anything is stored."""
    _named(author_judge, "proposing")
    check_effective_from(effective_from, now)
    version, new = await store_version(pset, author, message, now)
    proposal, created = await propose(version, author=author, author_judge=author_judge, message=message, now=now,
                                      effective_from=effective_from, activation_id=activation_id)
    return version, new, proposal, created


async def find_proposal(proposal_id: str) -> PolicyProposal:
    found = await PolicyProposal.get_or_none(proposal_id=proposal_id).prefetch_related("version")
    if found is None:
        raise NotFound(f"no policy proposal {proposal_id!r}", code="proposal_not_found")
    return found


def _named(judge: str, step: str) -> None:
    """Four eyes compare people: `step` needs a key issued to a named person (`judge`: the caller's)."""
    if not names_a_person(judge):
        raise NotAllowed(f"{step} a change needs a key issued to a named person (xiaopu keys create --person "
                         f"\"Name <email>\", or role@Name:key in XIAOPU_DEV_KEYS); this key names nobody, and a "
                         "second person cannot be told apart from the first by it", code="person_not_named")


def _still_open(proposal: PolicyProposal) -> None:
    if proposal.state != "proposed":
        raise Conflict(f"proposal {proposal.proposal_id} was already {proposal.state} by {proposal.reviewer}",
                       code="proposal_decided")


def _comment(comment: str) -> str:
    if not comment.strip():
        raise InvalidInput("say why: a comment is required", code="comment_required",
                           errors=[{"field": "comment", "message": "must not be empty"}])
    return comment.strip()


async def approve(proposal_id: str, *, reviewer: str, reviewer_judge: str, comment: str, now: dt.datetime,
                  effective_from: dt.datetime | None = None, in_force_seen: str | None = None
                  ) -> tuple[PolicyProposal, Published]:
    """Put the proposed version in force (at `effective_from`, else the time proposed, else now). Approving
    again after it was done answers the same activation.

    `in_force_seen`: the version in force that the approver read the change against (the pages always send it).
    A proposal is a whole set of files: approved after another change went in force, it would undo that change.
    When another version is in force now, 409 `in_force_changed` and nothing changes: the approver reads the
    change against the version now in force first.

    The proposal is marked approved first, then its version put in force (idempotently, by the proposal's
    activation id): a rejection or a withdrawal arriving in between finds it decided, so a version never takes
    over under a proposal that says it was withdrawn. If putting it in force fails, the proposal is open again."""
    proposal = await find_proposal(proposal_id)
    if proposal.state == "approved" and proposal.reviewer == reviewer[:MAX_AUTHOR]:
        return proposal, await _in_force(proposal, reviewer, effective_from, now)
    _still_open(proposal)
    _named(reviewer_judge, "approving")
    if not names_a_person(proposal.author_judge):  # proposed before keys had to name people
        raise Conflict(f"proposal {proposal.proposal_id} was made with a key that names nobody, so a second person "
                       "cannot be told apart from its author: reject it and propose the change again with a named "
                       "key", code="author_not_named")
    if reviewer_judge == proposal.author_judge:
        raise NotAllowed("the author of a proposal cannot approve it; a second person does",
                        code="approver_is_author")
    comment = _comment(comment)
    check_effective_from(effective_from, now)
    if in_force_seen is not None and in_force_seen != (now_in_force := await in_force_label(now)):
        raise Conflict(f"{now_in_force} went in force after you read this change against {in_force_seen}: "
                       f"approving it now would undo what changed since; read its diff against {now_in_force} "
                       "and approve again", code="in_force_changed", in_force=now_in_force)
    async with action_transaction() as conn:
        taken = await PolicyProposal.filter(id=proposal.id, state="proposed").using_db(conn).update(
            state="approved", reviewer=reviewer[:MAX_AUTHOR], review_comment=comment,
            reviewed_at=now.astimezone(dt.UTC))
    if not taken:  # decided meanwhile: by this reviewer (a double submit) it is answered, else refused
        proposal = await find_proposal(proposal_id)
        if proposal.state == "approved" and proposal.reviewer == reviewer[:MAX_AUTHOR]:
            return proposal, await _in_force(proposal, reviewer, effective_from, now)
        _still_open(proposal)
    try:
        done = await _in_force(proposal, reviewer, effective_from, now)
    except BaseException:
        await PolicyProposal.filter(id=proposal.id, state="approved", reviewer=reviewer[:MAX_AUTHOR]).update(
            state="proposed", reviewer=None, review_comment=None, reviewed_at=None)
        raise
    return await find_proposal(proposal_id), done


async def _in_force(proposal: PolicyProposal, reviewer: str, effective_from: dt.datetime | None,
                    now: dt.datetime) -> Published:
    """The approved proposal's activation: the one written before, else written now."""
    activation = await PolicyActivation.get_or_none(activation_id=proposal.activation_id).prefetch_related("version")
    if activation is not None:
        return Published(activation.version, activation, False, False)
    when = effective_from or proposal.effective_from
    if when is not None and when < now:
        when = None  # the time proposed passed while it waited: in force from the approval on
    return await publish(load_policy_bundle(proposal.version.files), author=proposal.author, message=proposal.message,
                         now=now, effective_from=when, activation_id=proposal.activation_id, approved_by=reviewer)


async def reject(proposal_id: str, *, reviewer: str, reviewer_judge: str, comment: str,
                 now: dt.datetime) -> PolicyProposal:
    """Another person rejects it; its author withdraws it. Either way nothing changes in force."""
    proposal = await find_proposal(proposal_id)
    _still_open(proposal)
    state = "withdrawn" if reviewer_judge == proposal.author_judge else "rejected"
    updated = await PolicyProposal.filter(id=proposal.id, state="proposed").update(
        state=state, reviewer=reviewer[:MAX_AUTHOR], review_comment=_comment(comment),
        reviewed_at=now.astimezone(dt.UTC))
    if not updated:
        _still_open(await find_proposal(proposal_id))
    return await find_proposal(proposal_id)


def proposal_view(p: PolicyProposal) -> dict[str, Any]:
    return {"proposal_id": p.proposal_id, "version": p.version.label, "content_hash": p.version.content_hash,
            "state": p.state, "author": p.author, "message": p.message,
            "effective_from": iso_utc(p.effective_from) if p.effective_from else None,
            "created_at": iso_utc(p.created_at), "reviewer": p.reviewer, "review_comment": p.review_comment,
            "reviewed_at": iso_utc(p.reviewed_at) if p.reviewed_at else None, "activation_id": p.activation_id}


async def proposals_view(state: str | None, limit: int, after_id: int | None) -> dict[str, Any]:
    query = PolicyProposal.all().prefetch_related("version")
    if state:
        query = query.filter(state=state)
    page, following = await page_after(query, "id", after_id, limit)
    return {"items": [proposal_view(p) for p in page], "next": following}
