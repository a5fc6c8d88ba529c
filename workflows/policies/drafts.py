"""Policy drafts: start one from a stored version (the one in force by default) or from an imported tree of
files, edit its files (raw text, or a decision table's grid), see its check after every change, try an input
(what-if), read its impact (the diff in business words against the version in force and the simulation over
stored history), and propose it: the four-eyes proposal carries the draft's diff and impact, which the
approver reads. Only the author edits a draft; a proposed draft no longer changes (start another from its
version). A draft is stored whether it is valid or not: work is never lost.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from engine import Evaluator, PolicySet
from engine.diff import diff
from engine.fields import iso_utc
from engine.policy_tree import TreeRefused, checked_path
from store.policy_drafts import PolicyDraft
from store.policy_versions import PolicyProposal, PolicyVersion
from workflows.common.audit_context import action_transaction
from workflows.common.errors import Conflict, InvalidInput, NotAllowed, NotFound
from workflows.common.idempotency import apply_once, body_hash
from workflows.common.paging import page_after, page_before
from workflows.policies.candidate_check import CheckLimits, checked_in_child
from workflows.policies.draft_check import checked_draft
from workflows.policies.draft_tables import apply_edit
from workflows.policies.history_simulation import simulate_history
from workflows.policies.proposals import proposal_view, propose_set
from workflows.policies.registry import PolicyRegistry
from workflows.policies.versions import MAX_AUTHOR, activations_until, find_version

IN_FORCE = "in_force"
MAX_FILES = 50
IMPACT_DAYS = 30  # the stored history a proposal's impact reads, by default
MAX_IMPACT_DAYS = 366  # at most a year back (last year's 12.12 for this year's campaign)


async def _source(ref: str, now: dt.datetime) -> PolicyVersion:
    if ref != IN_FORCE:
        return await find_version(ref)
    history = await activations_until(now)
    if history:
        return await PolicyVersion.get(id=history[-1].version_id)
    first = await PolicyVersion.all().order_by("id").first()
    if first is None:
        raise NotFound("no policy version is stored yet", code="policy_version_not_found")
    return first


async def start_draft(draft_id: str, *, name: str, source: str | None, files: Mapping[str, str] | None,
                      author: str, author_judge: str, now: dt.datetime, limits: CheckLimits
                      ) -> tuple[PolicyDraft, bool]:
    """A new draft (True) from the version `source` names (a label, a hash, or "in_force") or from imported
    `files`; the same request again answers the draft made before (False), another one under the same id is
    409 `draft_id_reused`."""
    digest = body_hash({"name": name, "from": source, "files": dict(files) if files is not None else None,
                        "author": author_judge})
    existing = await PolicyDraft.get_or_none(draft_id=draft_id)
    if existing is not None:
        if existing.body_hash != digest:
            raise Conflict(f"draft {draft_id!r} was already started with a different body", code="draft_id_reused")
        return existing, False
    if files is not None:
        if source is not None:
            raise InvalidInput("start a draft from a version or from files, not both", code="draft_source_ambiguous",
                               errors=[{"field": "files", "message": "leave out `from` when importing files"}])
        if "policies.yaml" not in files:
            raise InvalidInput("an imported tree needs its manifest, policies.yaml", code="manifest_missing",
                               errors=[{"field": "files", "message": "policies.yaml is missing"}])
        _inside_the_tree(files)
        texts, base = dict(files), (await _source(IN_FORCE, now)).label
    else:
        version = await _source(source or IN_FORCE, now)
        texts, base = dict(version.files), version.label
    checked = await checked_draft(texts, limits)
    when = now.astimezone(dt.UTC)

    made: list[PolicyDraft] = []

    async def create(conn: BaseDBAsyncClient) -> None:
        made.append(await PolicyDraft.create(draft_id=draft_id, body_hash=digest, name=name,
                                             author=author[:MAX_AUTHOR], author_judge=author_judge, base_version=base,
                                             files=texts, checked=checked, created_at=when, updated_at=when,
                                             using_db=conn))

    # the same request twice at once (a double click on the page's form): the second answers the draft of the first
    if await apply_once("draft", draft_id, digest, lambda: PolicyDraft.get_or_none(draft_id=draft_id), create):
        return made[0], True
    return await PolicyDraft.get(draft_id=draft_id), False


def _inside_the_tree(paths: Iterable[str]) -> None:
    """422 `path_outside_tree` for a path the draft's export (a policy tree) would refuse: stored, it made the
    draft impossible to export, and no file leaves a draft."""
    for path in paths:
        try:
            checked_path(path)
        except TreeRefused as exc:
            raise InvalidInput(exc.message, code=exc.code,
                               errors=[{"field": "path", "message": "a relative path without '..', '.' or '//'"}]
                               ) from None


async def find_draft(draft_id: str) -> PolicyDraft:
    draft = await PolicyDraft.get_or_none(draft_id=draft_id)
    if draft is None:
        raise NotFound(f"no policy draft {draft_id!r}", code="draft_not_found")
    return draft


def _editable(draft: PolicyDraft, judge: str) -> None:
    if draft.author_judge != judge:
        raise NotAllowed(f"only {draft.author}, who started draft {draft.draft_id!r}, edits it; start your own "
                         "draft from its files", code="not_draft_author")
    if draft.proposal_id:
        raise Conflict(f"draft {draft.draft_id!r} was proposed as {draft.proposal_id}; start a new draft from its "
                       "version to change more", code="draft_proposed")


async def _store_files(draft_id: str, judge: str, change: Any, now: dt.datetime, limits: CheckLimits
                       ) -> PolicyDraft:
    """The draft with `change(files)` made and checked; 409 `draft_changed` when another change landed while this
    one was checked."""
    draft = await find_draft(draft_id)
    _editable(draft, judge)
    before = dict(draft.files)
    files = change(dict(before))
    if len(files) > MAX_FILES:
        raise InvalidInput(f"a draft holds at most {MAX_FILES} files", code="too_many_files")
    checked = await checked_draft(files, limits)
    async with action_transaction() as conn:
        current = await PolicyDraft.filter(id=draft.id).using_db(conn).select_for_update().first()
        if current is None or current.files != before:
            raise Conflict("the draft changed while this change was checked; reload it and try again",
                           code="draft_changed")
        _editable(current, judge)
        current.files, current.checked, current.updated_at = files, checked, now.astimezone(dt.UTC)
        await current.save(using_db=conn, update_fields=["files", "checked", "updated_at"])
    return current


async def save_file(draft_id: str, path: str, text: str, *, judge: str, now: dt.datetime,
                    limits: CheckLimits) -> PolicyDraft:
    """One file's raw text replaced (or added), checked at once, stored even when invalid."""
    _inside_the_tree([path])

    def change(files: dict[str, str]) -> dict[str, str]:
        files[path] = text
        return files
    return await _store_files(draft_id, judge, change, now, limits)


async def edit_table(draft_id: str, path: str, edits: Sequence[Mapping[str, Any]], *, judge: str, now: dt.datetime,
                     limits: CheckLimits) -> PolicyDraft:
    """Grid edits of a decision table (draft_tables.apply_edit), all or none, written through the layout."""
    def change(files: dict[str, str]) -> dict[str, str]:
        if path not in files:
            raise NotFound(f"the draft has no file {path!r}", code="file_not_in_draft")
        text = files[path]
        for edit in edits:
            text = apply_edit(text, edit)
        files[path] = text
        return files
    return await _store_files(draft_id, judge, change, now, limits)


async def what_if(draft: PolicyDraft, policy: str, facts: Mapping[str, Any], as_of: dt.datetime | None,
                  limits: CheckLimits) -> dict[str, Any]:
    """One input decided by the draft, with the explanation (fired rules and the values they matched, the rules
    that did not fire and how near they came); 422 when the draft does not load or the input is refused."""
    checked = await checked_draft(draft.files, limits, {"policy": policy, "facts": dict(facts),
                                                        "as_of": as_of.isoformat() if as_of else None})
    if not checked["valid"]:
        raise InvalidInput("the draft is not valid: correct it before trying inputs", code="draft_invalid",
                           problems=[f"{d['file']}:{d['line']}: {d['code']}: {d['message']}"
                                     for d in checked["diagnostics"]])
    answer: dict[str, Any] = checked["what_if"]
    if "error" in answer:
        error = answer["error"]
        raise InvalidInput(error["message"], code=str(error["code"]), errors=error["errors"])
    return answer


def changes_view(old: PolicySet, new: PolicySet) -> list[dict[str, str]]:
    return [{"policy": c.policy, "kind": c.kind, "subject": c.subject, "before": c.before, "after": c.after,
             "text": str(c)} for c in diff(old, new)]


async def _candidate(draft: PolicyDraft, limits: CheckLimits) -> PolicySet:
    """The draft as a candidate that passed every check in the child (PolicyRejected otherwise)."""
    return await checked_in_child(draft.files, limits)


async def impact(draft: PolicyDraft, registry: PolicyRegistry, *, since: dt.datetime, until: dt.datetime,
                 now: dt.datetime, limits: CheckLimits) -> dict[str, Any]:
    """The diff against the version in force now, and the stored history in [since, until) replayed under both."""
    pset = await _candidate(draft, limits)
    return await _impact(pset, registry, since, until, now)


async def _impact(pset: PolicySet, registry: PolicyRegistry, since: dt.datetime, until: dt.datetime,
                  now: dt.datetime) -> dict[str, Any]:
    active = registry.at(now)
    proposed = Evaluator(pset)  # checked in the child first: compiling it here is safe
    try:
        simulation = await simulate_history(registry.at(until), proposed, since, until, lambda done, total: None)
    finally:
        proposed.close()
    return {"in_force": active.policy_set.label, "candidate": pset.label,
            "changes": changes_view(active.policy_set, pset), "simulation": simulation}


async def propose_draft(draft_id: str, *, message: str, effective_from: dt.datetime | None, author: str,
                        judge: str, registry: PolicyRegistry, now: dt.datetime, limits: CheckLimits,
                        impact_days: int = IMPACT_DAYS) -> tuple[PolicyDraft, PolicyProposal, bool]:
    """The four-eyes proposal of the draft's files (checked in the child), with the draft's diff and impact over
    the last `impact_days` of stored history attached; proposing again answers the same proposal (False)."""
    draft = await find_draft(draft_id)
    if draft.proposal_id and draft.author_judge == judge:
        return draft, await PolicyProposal.get(proposal_id=draft.proposal_id).prefetch_related("version"), False
    _editable(draft, judge)
    pset = await _candidate(draft, limits)
    report = await _impact(pset, registry, now - dt.timedelta(days=impact_days), now, now)
    version, _, proposal, _ = await propose_set(pset, author=author, author_judge=judge, message=message, now=now,
                                                effective_from=effective_from)
    async with action_transaction() as conn:
        updated = await PolicyDraft.filter(id=draft.id, proposal_id__isnull=True).using_db(conn).update(
            proposal_id=proposal.proposal_id, proposed_diff=report["changes"], proposed_impact=report["simulation"],
            updated_at=now.astimezone(dt.UTC))
        if not updated:
            raise Conflict(f"draft {draft_id!r} was proposed at the same moment", code="draft_proposed")
    proposal.version = version
    return await find_draft(draft_id), proposal, True


async def draft_of_proposal(proposal_id: str) -> PolicyDraft | None:
    """The draft a proposal was made from, with the diff and impact it carried; None for one made otherwise."""
    return await PolicyDraft.get_or_none(proposal_id=proposal_id)


async def recent_drafts(limit: int, before_id: int | None) -> dict[str, Any]:
    """The drafts newest first (the pages' order), before the draft `before_id`, and the cursor of the older ones."""
    page, older = await page_before(PolicyDraft.all(), "id", before_id, limit)
    return {"items": [draft_summary(d) for d in page], "older": older}


def draft_summary(d: PolicyDraft) -> dict[str, Any]:
    checked = d.checked or {}
    return {"draft_id": d.draft_id, "name": d.name, "author": d.author, "base_version": d.base_version,
            "created_at": iso_utc(d.created_at), "updated_at": iso_utc(d.updated_at), "proposal_id": d.proposal_id,
            "valid": bool(checked.get("valid")), "passed": bool(checked.get("passed"))}


async def draft_view(d: PolicyDraft) -> dict[str, Any]:
    """The draft with its files, its check, and the proposal made of it (with the diff and impact it carried)."""
    proposal = None
    if d.proposal_id:
        found = await PolicyProposal.get_or_none(proposal_id=d.proposal_id).prefetch_related("version")
        proposal = proposal_view(found) if found else None
    return {**draft_summary(d), "files": d.files, "check": d.checked, "proposal": proposal,
            "proposed_diff": d.proposed_diff, "proposed_impact": d.proposed_impact}


async def drafts_view(limit: int, after_id: int | None) -> dict[str, Any]:
    page, following = await page_after(PolicyDraft.all(), "id", after_id, limit)
    return {"items": [draft_summary(d) for d in page], "next": following}
