"""The suite's databases: each test starts from a freshly migrated database, whatever the test before it wrote."""

from __future__ import annotations

import datetime as dt

import pytest
from tortoise.context import TortoiseContext

from store.audit import AuditEntry
from store.sellers import Seller
from tests.conftest import Emptier


async def _audit_entry() -> AuditEntry:
    return await AuditEntry.create(at=dt.datetime.now(dt.UTC), request_id="r", method="POST", route="/x",
                                   decision_ids=[], status=201)


async def test_the_emptier_leaves_no_rows_and_ids_from_the_start(db: TortoiseContext, database_url: str,
                                                                 request: pytest.FixtureRequest) -> None:
    if not database_url.startswith("postgres"):
        pytest.skip("a SQLite test gets a copy of a migrated file: nothing to empty")
    emptier: Emptier = request.getfixturevalue("migrated_postgres")[1]
    await Seller.create(seller_id="S-1")
    await _audit_entry()  # the audit log refuses deletes; replica mode passes its trigger
    assert (await _audit_entry()).id == 2
    emptier.empty()
    assert await Seller.all().count() == 0
    assert await AuditEntry.all().count() == 0
    assert (await _audit_entry()).id == 1  # the sequence set back to its start


async def test_a_database_test_sees_no_rows(db: TortoiseContext) -> None:
    assert await Seller.all().count() == 0
    assert await AuditEntry.all().count() == 0
