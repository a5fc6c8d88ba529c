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


pending_audit: ContextVar[PendingAudit | None] = ContextVar("pending_audit", default=None)


@asynccontextmanager
async def action_transaction() -> AsyncIterator[BaseDBAsyncClient]:
    """One transaction for a request's action and, the first time in the request, its audit entry."""
    pending = pending_audit.get()
    wrote = False
    async with in_transaction() as conn:
        yield conn
        if pending is not None and not pending.written:
            await AuditEntry.create(**pending.entry(), using_db=conn)
            wrote = True
    if wrote and pending is not None:
        pending.written = True  # only once the transaction committed
