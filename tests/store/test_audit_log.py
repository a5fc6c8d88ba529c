"""The audit log is append-only in the database itself: UPDATE and DELETE are refused on both dialects,
TRUNCATE on PostgreSQL."""

from __future__ import annotations

import datetime as dt

import asyncpg
import pytest
from tortoise import connections
from tortoise.context import TortoiseContext
from tortoise.exceptions import OperationalError

from store.audit import AuditEntry, AuditFilter, append_audit, find_audit

# SQLite's RAISE(ABORT) arrives as Tortoise's OperationalError; PL/pgSQL's RAISE as asyncpg's RaiseError.
REFUSED = (OperationalError, asyncpg.exceptions.RaiseError)
AT = dt.datetime(2026, 12, 4, 12, 0, tzinfo=dt.UTC)


async def entry(n: int, **values: object) -> AuditEntry:
    fields = {"at": AT + dt.timedelta(minutes=n), "request_id": f"req-{n}", "key_id": "k1", "key_label": "ops",
              "role": "policy_admin", "method": "POST", "route": "/v1/settlements", "resource_id": None,
              "caller_id": None, "decision_ids": [], "status": 200, **values}
    return await append_audit(**fields)


def sql_error(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"


@pytest.mark.parametrize("statement", [
    pytest.param('UPDATE "audit_log" SET "status" = 500', id="update"),
    pytest.param('DELETE FROM "audit_log"', id="delete"),
])
async def test_the_database_refuses_to_change_an_entry(db: TortoiseContext, statement: str) -> None:
    written = await entry(1)
    conn = connections.get(next(iter(connections.db_config)))
    with pytest.raises(REFUSED) as err:
        await conn.execute_script(statement)
    assert "append-only" in sql_error(err.value)
    with pytest.raises(REFUSED):
        await AuditEntry.filter(id=written.id).update(status=201)
    with pytest.raises(REFUSED):
        await written.delete()
    again = await AuditEntry.get(id=written.id)
    assert (again.status, again.request_id) == (200, "req-1")


async def test_postgresql_refuses_to_truncate_the_log(db: TortoiseContext, database_url: str) -> None:
    if not database_url.startswith("postgres"):
        pytest.skip("SQLite has no TRUNCATE; DELETE without WHERE is refused above")
    await entry(1)
    conn = connections.get(next(iter(connections.db_config)))
    with pytest.raises(REFUSED) as err:
        await conn.execute_script('TRUNCATE "audit_log"')
    assert "append-only" in sql_error(err.value)
    assert await AuditEntry.all().count() == 1


async def test_entries_are_found_newest_first_by_filter_and_cursor(db: TortoiseContext) -> None:
    for n in range(5):
        await entry(n, key_id="k1" if n % 2 == 0 else "k2", status=200 if n < 4 else 403)
    page = await find_audit(AuditFilter(key_id="k1"), 2, None)
    assert [e.request_id for e in page] == ["req-4", "req-2"]
    rest = await find_audit(AuditFilter(key_id="k1"), 2, page[-1].id)
    assert [e.request_id for e in rest] == ["req-0"]
    assert [e.request_id for e in await find_audit(AuditFilter(status=403), 10, None)] == ["req-4"]
    window = AuditFilter(since=AT + dt.timedelta(minutes=1), until=AT + dt.timedelta(minutes=3))
    assert [e.request_id for e in await find_audit(window, 10, None)] == ["req-2", "req-1"]
