"""Publish, schedule and roll back policy versions.

A candidate is loaded from its texts, validated, its examples run and linted; only a set that passes all
three is stored. Storing is idempotent by content hash; an activation (this version in force from a time
on) is idempotent by its activation id. Nothing here touches a serving process: each one's
`PolicyRegistry` notices new activations in the database by itself.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from tortoise.backends.base.client import BaseDBAsyncClient

from engine import PolicySet, load_policy_bundle, policy_bundle
from store.policy_versions import PolicyActivation, PolicyVersion
from workflows.common.audit_context import action_transaction
from workflows.common.errors import Conflict, InvalidInput, NotFound
from workflows.common.idempotency import apply_once, body_hash

MAX_AUTHOR = 120
PAST_TOLERANCE = dt.timedelta(seconds=5)  # clocks of the caller and the server differ a little


@dataclass
class Published:
    version: PolicyVersion
    activation: PolicyActivation
    new_version: bool  # False when the same content was stored before
    applied: bool  # False for a replay of the same activation id


async def store_version(pset: PolicySet, author: str, message: str, now: dt.datetime,
                        conn: BaseDBAsyncClient | None = None) -> tuple[PolicyVersion, bool]:
    """The stored version for this content: created now, or the one stored before (True when created)."""
    existing = await PolicyVersion.filter(content_hash=pset.content_hash).using_db(conn).first()
    if existing:
        return existing, False
    version = await PolicyVersion.create(
        content_hash=pset.content_hash, label=pset.label, policy_set=pset.name, files=policy_bundle(pset),
        author=author[:MAX_AUTHOR], message=message, created_at=now.astimezone(dt.UTC), using_db=conn)
    return version, True


async def publish(pset: PolicySet, *, author: str, message: str, now: dt.datetime,
                  effective_from: dt.datetime | None = None, activation_id: str | None = None,
                  kind: str = "publish", approved_by: str | None = None) -> Published:
    """Store `pset` (already checked) and put it in force from `effective_from` (default now) on. A time in the
    past is refused: decisions already made under the version then in force would lose their footing."""
    effective = (effective_from or now).astimezone(dt.UTC)
    if kind != "initial" and effective < now - PAST_TOLERANCE:
        raise InvalidInput(f"effective_from {effective.isoformat()} is in the past; a version takes over now or later",
                           code="effective_from_in_past", errors=[{"field": "effective_from",
                                                                   "message": "must not be in the past"}])
    key = activation_id or f"act_{secrets.token_hex(8)}"
    digest = body_hash({"content_hash": pset.content_hash, "kind": kind, "message": message,
                        "effective_from": effective_from.astimezone(dt.UTC).isoformat() if effective_from else None})
    created: list[bool] = []

    async def apply(conn: BaseDBAsyncClient) -> None:
        version, new = await store_version(pset, author, message, now, conn)
        created.append(new)
        await PolicyActivation.create(activation_id=key, body_hash=digest, version=version, effective_from=effective,
                                      kind=kind, author=author[:MAX_AUTHOR], message=message,
                                      approved_by=approved_by[:MAX_AUTHOR] if approved_by else None,
                                      created_at=now.astimezone(dt.UTC), using_db=conn)

    applied = await apply_once("activation", key, digest,
                               lambda: PolicyActivation.get_or_none(activation_id=key), apply)
    activation = await PolicyActivation.get(activation_id=key).prefetch_related("version")
    return Published(activation.version, activation, bool(created and created[0]), applied)


async def activate_stored(version_ref: str, *, author: str, message: str, now: dt.datetime,
                          effective_from: dt.datetime | None = None, activation_id: str | None = None) -> Published:
    """Put an already stored version (by label or content hash) in force again, e.g. to undo a rollback."""
    version = await find_version(version_ref)
    pset = load_policy_bundle(version.files)
    return await publish(pset, author=author, message=message, now=now, effective_from=effective_from,
                         activation_id=activation_id)


async def rollback(*, author: str, message: str, now: dt.datetime, activation_id: str | None = None,
                   target: str | None = None) -> Published:
    """Put an earlier version back in force from now on: `target` (a label or hash of a version that was in force
    before), by default the last version in force that is not the current one and was not itself rolled back
    (so a second rollback never brings back the version the first one removed)."""
    if activation_id and (done := await _replayed(activation_id, {"kind": "rollback", "message": message})):
        return done
    history = await activations_until(now)
    current = history[-1].version_id if history else None
    if target is not None:
        wanted = await find_version(target)
        if wanted.id == current:
            raise Conflict(f"{wanted.label} is the version in force", code="nothing_to_roll_back")
        if not any(a.version_id == wanted.id for a in history):
            raise Conflict(f"{wanted.label} was never in force; put it in force with a proposal instead",
                           code="rollback_target_never_in_force")
        previous_id: int | None = wanted.id
    else:
        previous_id = _default_target(history)
    if previous_id is None:
        raise Conflict("there is no earlier version to roll back to", code="nothing_to_roll_back")
    pset = load_policy_bundle((await PolicyVersion.get(id=previous_id)).files)
    if not pset.four_eyes and current is not None and load_policy_bundle(
            (await PolicyVersion.get(id=current)).files).four_eyes:
        # one person's emergency step never switches the second person off: that is a change to propose
        raise Conflict(f"{pset.label} does without four eyes and the version in force asks for them: rolling back "
                       "to it would let one person switch the approval off; propose it for a second person instead",
                       code="rollback_ends_four_eyes")
    return await publish(pset, author=author, message=message or f"rollback to {pset.label}", now=now,
                         activation_id=activation_id, kind="rollback")


def _default_target(history: list[PolicyActivation]) -> int | None:
    """The version a rollback puts back when it names none: the last in force that is not the current one and was
    not itself rolled back."""
    current = history[-1].version_id if history else None
    rolled_back: set[int] = set()
    for before, after in zip(history, history[1:], strict=False):
        if after.kind == "rollback" and before.version_id != after.version_id:
            rolled_back.add(before.version_id)
    return next((a.version_id for a in reversed(history)
                 if a.version_id != current and a.version_id not in rolled_back), None)


async def rollback_target(now: dt.datetime) -> str | None:
    """The label of the version a rollback at `now` would put back, if it names none (None: there is none)."""
    found = _default_target(await activations_until(now))
    return (await PolicyVersion.get(id=found)).label if found is not None else None


async def cancel_activation(activation_id: str, *, by: str, now: dt.datetime) -> PolicyActivation:
    """Call off a scheduled activation before it takes effect; one already in force is rolled back instead."""
    async with action_transaction() as conn:
        found = await PolicyActivation.filter(activation_id=activation_id).using_db(conn).select_for_update().first()
        if found is None:
            raise NotFound(f"no activation {activation_id!r}", code="activation_not_found")
        if found.cancelled_at is not None:
            return found
        if found.effective_from <= now:
            raise Conflict(f"activation {activation_id!r} took effect at {found.effective_from.isoformat()}; "
                           "roll back instead", code="activation_already_in_force")
        if not await PolicyActivation.filter(cancelled_at__isnull=True).exclude(id=found.id).using_db(conn).exists():
            # the timeline would be empty: no version would be in force at any time
            raise Conflict(f"activation {activation_id!r} is the only one left: without it no version would ever be "
                           "in force; schedule the version to take its place first", code="last_activation")
        found.cancelled_at, found.cancelled_by = now.astimezone(dt.UTC), by[:MAX_AUTHOR]
        await found.save(using_db=conn, update_fields=["cancelled_at", "cancelled_by"])
    return found


async def _replayed(activation_id: str, request: dict[str, str]) -> Published | None:
    """The activation made before under this id, when it was this same request (else 409)."""
    existing = await PolicyActivation.get_or_none(activation_id=activation_id).prefetch_related("version")
    if existing is None:
        return None
    if {"kind": existing.kind, "message": existing.message} != request:
        raise Conflict(f"activation {activation_id!r} was already received with a different body",
                       code="activation_id_reused")
    return Published(existing.version, existing, False, False)


async def activations_until(at: dt.datetime) -> list[PolicyActivation]:
    """Activations in force order (effective time, then the order they were made), up to `at`."""
    return await PolicyActivation.filter(effective_from__lte=at.astimezone(dt.UTC), cancelled_at__isnull=True
                                         ).order_by("effective_from", "id")


async def find_version(ref: str) -> PolicyVersion:
    """A stored version by its label (`2026.11.0+67a95ae5e3bc`), full content hash or a hash prefix (8+)."""
    query = PolicyVersion.filter(label=ref) if "+" in ref else PolicyVersion.filter(content_hash__startswith=ref)
    found = await query.limit(2) if len(ref) >= 8 else []
    if len(found) != 1:
        raise NotFound(f"no single stored policy version matches {ref!r}", code="policy_version_not_found")
    return found[0]


async def publish_on_start(pset: PolicySet, now: dt.datetime) -> Published | None:
    """A policy set on disk that the database has never stored is published at start-up (the first one as
    `initial`, in force since its manifest's effective_from). A stored one, e.g. rolled back, is not."""
    if await PolicyVersion.exists(content_hash=pset.content_hash):
        return None
    first = not await PolicyActivation.exists()
    effective = pset.effective_from if first and pset.effective_from else None
    if not first and pset.effective_from and pset.effective_from > now:
        effective = pset.effective_from
    try:
        return await publish(pset, author="start-up", message="policy files found at start-up", now=now,
                             effective_from=effective, kind="initial" if first else "publish",
                             activation_id=f"start_{pset.content_hash[:40]}")
    except Conflict:  # another process published the same files at the same moment
        return None
