"""Start and stop a shadow run, and report what it found."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from tortoise.transactions import in_transaction

from engine.fields import format_yuan, iso_utc, iso_utc_or_none
from store.policy_versions import ShadowDifference, ShadowRun
from workflows.common.errors import NotFound
from workflows.common.paging import page_after
from workflows.policies.versions import MAX_AUTHOR, find_version


async def start_shadow(version_ref: str, author: str, now: dt.datetime) -> ShadowRun:
    """Run a stored version in the shadow of the one in force (stopping the shadow run before, if any)."""
    version = await find_version(version_ref)
    async with in_transaction() as conn:
        await ShadowRun.filter(stopped_at=None).using_db(conn).update(stopped_at=now.astimezone(dt.UTC))
        return await ShadowRun.create(version=version, author=author[:MAX_AUTHOR], started_at=now.astimezone(dt.UTC),
                                      using_db=conn)


async def stop_shadow(now: dt.datetime) -> ShadowRun:
    run = await ShadowRun.filter(stopped_at=None).order_by("-id").first()
    if run is None:
        raise NotFound("no shadow run is going on", code="no_shadow_run")
    run.stopped_at = now.astimezone(dt.UTC)
    await run.save(update_fields=["stopped_at"])
    return run


async def latest_run() -> ShadowRun:
    run = await ShadowRun.all().order_by("-id").prefetch_related("version").first()
    if run is None:
        raise NotFound("no shadow run has been started", code="no_shadow_run")
    return run


async def shadow_report(run: ShadowRun, limit: int, after_id: int | None) -> dict[str, Any]:
    """The run, its differences counted and their money effect summed per policy, and a page of them."""
    per_policy: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    rows = await ShadowDifference.filter(run_id=run.id).values_list("policy_id", "money_delta_fen")
    for policy_id, delta in rows:
        per_policy[str(policy_id)][0] += 1
        per_policy[str(policy_id)][1] += int(delta)
    page, following = await page_after(ShadowDifference.filter(run_id=run.id), "id", after_id, limit)
    return {
        "run_id": run.id, "candidate": run.version.label, "started_at": iso_utc(run.started_at),
        "stopped_at": iso_utc_or_none(run.stopped_at), "author": run.author,
        "differences": len(rows), "money_delta": format_yuan(sum(int(d) for _, d in rows)),
        "by_policy": {p: {"differences": n, "money_delta": format_yuan(d)} for p, (n, d) in sorted(per_policy.items())},
        "items": [{"id": d.id, "policy": d.policy_id, "active_version": d.active_version, "as_of": iso_utc(d.as_of),
                   "facts": d.facts, "active": d.active, "candidate": d.candidate,
                   "money_delta": format_yuan(d.money_delta_fen)} for d in page],
        "next": following,
    }
