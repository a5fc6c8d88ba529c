"""A request's audit entry commits with its action: the API prepares the entry when a mutating call arrives
(`pending_audit`), and the action's transaction writes it as its last statement, with the decisions it
recorded. So a crash between the action and its entry cannot lose the entry (it commits or rolls back with the
action). Calls whose action never opens such a transaction (a replay, a refusal) are written by the API when
the response starts, as before."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.transactions import in_transaction

from store.audit import AuditEntry


@dataclass
class PendingAudit:
    entry: Callable[[], dict[str, Any]]  # the entry's values as the action succeeds (its route's success status)
    written: bool = False
    taken: bool = False  # the action writes the entry in its own statement, inside action_transaction


pending_audit: ContextVar[PendingAudit | None] = ContextVar("pending_audit", default=None)


@asynccontextmanager
async def action_transaction(*, one_statement: bool = False) -> AsyncIterator[BaseDBAsyncClient]:
    """One transaction for a request's action and, the first time in the request, its audit entry.

    `one_statement`: the action writes everything in a single statement, the audit entry included (taken with
    `audit_entry_for_statement`). PostgreSQL commits a statement atomically on its own, so there the block runs
    on a pooled connection without BEGIN and COMMIT, two round trips less; on SQLite (where such rows take a
    statement per table) in a transaction as always."""
    pending = pending_audit.get()
    wrote = False
    try:
        if one_statement and AuditEntry._meta.db.capabilities.dialect == "postgres":
            yield AuditEntry._meta.db
            if pending is not None and not pending.written and not pending.taken:
                raise RuntimeError("a one-statement action writes the audit entry in its statement")
        else:
            async with in_transaction() as conn:
                yield conn
                if pending is not None and not pending.written and not pending.taken:
                    await AuditEntry.create(**pending.entry(), using_db=conn)
        wrote = pending is not None and not pending.written
    finally:
        if pending is not None:
            pending.taken = False
    if wrote and pending is not None:
        pending.written = True  # only once the transaction committed


def audit_entry_for_statement() -> dict[str, Any] | None:
    """Inside `action_transaction`: the request's audit entry (its values as the action succeeds, with the
    decisions recorded so far), for the action to write in the same statement as its last rows; the
    transaction then writes none. None when there is nothing to write (no API call, or written already)."""
    pending = pending_audit.get()
    if pending is None or pending.written or pending.taken:
        return None
    pending.taken = True
    return pending.entry()
