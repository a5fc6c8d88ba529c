"""PostgreSQL through Tortoise's asyncpg client, with two changes for the hot paths:

- a connection goes back to the pool without a reset round trip. asyncpg's default runs `SELECT
  pg_advisory_unlock_all(); CLOSE ALL; UNLISTEN *; RESET ALL` on every release, one more round trip for each
  query outside a transaction (an order's reads paid 8 of them). Nothing here leaves state on a pooled
  connection's session: no SET (only SET LOCAL, which ends with its transaction), no LISTEN, no session-level
  advisory lock (the migration lock takes its own connection, store/db.py), no cursor outside a transaction.
  An open transaction is still rolled back on release (asyncpg does that without asking the server);
- the pool holds POOL_SIZE connections per worker unless the URL says otherwise (`?maxsize=20`): each worker
  has its own pool, so `xiaopu serve --workers N` opens at most N x POOL_SIZE connections (PostgreSQL allows
  100 by default).

Use it with `"engine": "store.postgres_backend"` (store/db.py's `tortoise_config` does)."""

from __future__ import annotations

from typing import Any

import asyncpg
from tortoise.backends.asyncpg.client import AsyncpgDBClient

POOL_SIZE = 10


class StatelessConnection(asyncpg.connection.Connection):  # type: ignore[misc]
    """A pooled connection whose session holds no state of ours: nothing to reset on the server."""

    def get_reset_query(self) -> str:
        return ""


class PostgresClient(AsyncpgDBClient):
    connection_class = StatelessConnection

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("maxsize", POOL_SIZE)
        super().__init__(**kwargs)


client_class = PostgresClient
