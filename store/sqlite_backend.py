"""SQLite for several processes at once (the server, `xiaopu publish`, `tick`, `keys` on one file).

Tortoise's SQLite client already opens the file in WAL mode (readers never wait for the writer). This engine
adds what a second writing process needs:
- a busy timeout: a statement that meets another process's write lock waits for it (BUSY_TIMEOUT_MS);
- write transactions begin IMMEDIATE: the write lock is taken at BEGIN, where waiting is possible, instead
  of at the first write inside a transaction that has already read (SQLite cannot wait there: it answers
  "database is locked" at once, as the policy-switch benchmark met);
- a bounded retry of BEGIN when the lock outlasts the timeout, then `StoreBusy` (the API answers 503 with
  Retry-After; nothing was written);
- the transaction lock is released when BEGIN fails (Tortoise would keep it, and every later transaction in
  the process would wait forever).

Use it with `"engine": "store.sqlite_backend"` (store/db.py's `tortoise_config` does)."""

from __future__ import annotations

import asyncio
import sqlite3
from typing import Any

from tortoise.backends.base.client import TransactionContext
from tortoise.backends.sqlite.client import SqliteClient as TortoiseSqliteClient
from tortoise.backends.sqlite.client import SqliteTransactionContext, SqliteTransactionWrapper
from tortoise.connection import get_connections
from tortoise.exceptions import TransactionManagementError

from store.errors import StoreBusy

BUSY_TIMEOUT_MS = 5_000
BEGIN_ATTEMPTS = 3


def is_lock_error(exc: BaseException) -> bool:
    text = str(exc).lower()
    return "database is locked" in text or "database table is locked" in text or "database is busy" in text


class ImmediateTransaction(SqliteTransactionWrapper):
    async def begin(self) -> None:
        for attempt in range(1, BEGIN_ATTEMPTS + 1):
            try:
                await self._connection.commit()
                await self._connection.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                if not is_lock_error(exc):
                    raise TransactionManagementError(exc) from exc
                if attempt == BEGIN_ATTEMPTS:
                    raise StoreBusy("the SQLite database stayed locked by another process; try again") from exc
                await asyncio.sleep(0.05 * attempt)


class ReleasingTransactionContext(SqliteTransactionContext):
    async def __aenter__(self) -> Any:
        try:
            return await super().__aenter__()
        except BaseException:
            if hasattr(self, "token"):
                get_connections().reset(self.token)
            self._trxlock.release()
            raise


class SqliteClient(TortoiseSqliteClient):
    def __init__(self, file_path: str, **kwargs: Any) -> None:
        kwargs.setdefault("busy_timeout", BUSY_TIMEOUT_MS)
        kwargs.setdefault("synchronous", "NORMAL")  # safe in WAL mode: a power cut loses at most the last commits
        super().__init__(file_path, **kwargs)

    def _in_transaction(self) -> TransactionContext:
        return ReleasingTransactionContext(ImmediateTransaction(self), self._lock)


client_class = SqliteClient
