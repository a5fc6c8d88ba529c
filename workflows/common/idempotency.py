"""Caller-supplied ids make writes idempotent: the same body again is a replay, another body a conflict."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Awaitable, Callable
from typing import Any, Protocol, TypeVar

from tortoise.exceptions import IntegrityError

from workflows.common.audit_context import action_transaction
from workflows.common.errors import Conflict


def body_hash(body: Any) -> str:
    """A stable fingerprint of a request body (canonical JSON)."""
    return hashlib.sha256(json.dumps(body, sort_keys=True, separators=(",", ":"), default=str).encode()).hexdigest()


def check_replay(kind: str, key: str, stored_hash: str, new_hash: str) -> None:
    """Raise 409 when an id is reused for a different request."""
    if stored_hash != new_hash:
        raise Conflict(f"{kind} {key!r} was already received with a different body", code=f"{kind}_id_reused")


class Stored(Protocol):
    body_hash: str


S = TypeVar("S", bound=Stored)


async def apply_once(kind: str, key: str, digest: str, find: Callable[[], Awaitable[S | None]],
                     apply: Callable[[Any], Awaitable[object]], *,
                     conflict: Callable[[S], Exception] | None = None, one_statement: bool = False) -> bool:
    """Run `apply(conn)` in one transaction unless `key` was already applied; True when applied now.

    A replay with the same body changes nothing; another body under the key is a 409 (`{kind}_id_reused`,
    or the error `conflict(existing)` makes); two concurrent first attempts are settled by the database's
    unique constraint (the loser re-reads). `one_statement`: see `action_transaction`."""
    existing = await find()
    if existing is None:
        try:
            async with action_transaction(one_statement=one_statement) as conn:
                await apply(conn)
            return True
        except IntegrityError:
            existing = await find()
            if existing is None:
                raise
    if conflict is not None and existing.body_hash != digest:
        raise conflict(existing)
    check_replay(kind, key, existing.body_hash, digest)
    return False
