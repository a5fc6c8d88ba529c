"""Read views of the versions: the activation timeline with each entry's state, stored versions, diffs."""

from __future__ import annotations

import datetime as dt
from typing import Any

from engine import PolicySet, load_policy_bundle
from engine.diff import diff
from engine.fields import iso_utc
from store.policy_versions import PolicyActivation, PolicyVersion
from workflows.common.paging import page_after, page_before
from workflows.policies.versions import find_version


def _activation_view(a: PolicyActivation, state: str, previous: str | None) -> dict[str, Any]:
    return {"activation_id": a.activation_id, "version": a.version.label, "content_hash": a.version.content_hash,
            "effective_from": iso_utc(a.effective_from), "kind": a.kind, "state": state, "author": a.author,
            "message": a.message, "created_at": iso_utc(a.created_at), "previous": previous,
            "approved_by": a.approved_by, "cancelled_at": iso_utc(a.cancelled_at) if a.cancelled_at else None,
            "cancelled_by": a.cancelled_by}


async def timeline_view(now: dt.datetime) -> dict[str, Any]:
    """Every activation in force order: past, in force (one), scheduled; with the version each replaced."""
    rows = await PolicyActivation.all().order_by("effective_from", "id").prefetch_related("version")
    live = [a for a in rows if a.cancelled_at is None]
    due = [a for a in live if a.effective_from <= now]
    in_force = due[-1] if due else (live[0] if live else None)
    views, previous = [], None
    for a in rows:
        if a.cancelled_at is not None:
            views.append(_activation_view(a, "cancelled", None))
            continue
        state = "in force" if a is in_force else ("scheduled" if a.effective_from > now else "past")
        views.append(_activation_view(a, state, previous if previous != a.version.label else None))
        previous = a.version.label
    return {"now": iso_utc(now), "in_force": in_force.version.label if in_force else None, "activations": views}


async def in_force_label(now: dt.datetime) -> str | None:
    """The label of the version in force at `now` (None: nothing published yet), as `timeline_view` names it."""
    live = PolicyActivation.filter(cancelled_at=None)
    in_force = await live.filter(effective_from__lte=now).order_by("-effective_from", "-id").prefetch_related(
        "version").first() or await live.order_by("effective_from", "id").prefetch_related("version").first()
    return in_force.version.label if in_force else None


async def versions_view(limit: int, after_id: int | None) -> dict[str, Any]:
    page, following = await page_after(PolicyVersion.all(), "id", after_id, limit)
    return {"versions": [version_view(v) for v in page], "next": following}


async def recent_versions(limit: int, before_id: int | None) -> dict[str, Any]:
    """The stored versions newest first (the pages' order), before the version `before_id`, and the cursor of the
    older ones."""
    page, older = await page_before(PolicyVersion.all(), "id", before_id, limit)
    return {"versions": [version_view(v) for v in page], "older": older}


def version_view(v: PolicyVersion, *, with_files: bool = False) -> dict[str, Any]:
    view = {"id": v.id, "label": v.label, "content_hash": v.content_hash, "policy_set": v.policy_set,
            "author": v.author, "message": v.message, "created_at": iso_utc(v.created_at)}
    if with_files:
        view["files"] = v.files
    return view


async def stored_set(ref: str) -> PolicySet:
    return load_policy_bundle((await find_version(ref)).files)


async def diff_view(old_ref: str, new_ref: str) -> dict[str, Any]:
    """What changes from one stored version to another, in business words, grouped by policy."""
    old, new = await stored_set(old_ref), await stored_set(new_ref)
    changes = diff(old, new)
    return {"old": old.label, "new": new.label,
            "changes": [{"policy": c.policy, "kind": c.kind, "subject": c.subject, "before": c.before,
                         "after": c.after, "text": str(c)} for c in changes]}
