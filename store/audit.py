"""The audit log: one row per mutating API call (who, in which role, what, on what, with which decisions).

Append-only, and the database enforces it: the migration adds triggers that refuse UPDATE and DELETE on
`audit_log` in SQLite and PostgreSQL alike, so not even a bug here (or a hand-typed statement) can rewrite
history. Rows are only ever created by `append_audit`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from tortoise import fields
from tortoise.models import Model

from store.errors import translated_orm_errors


class AuditEntry(Model):
    id = fields.BigIntField(primary_key=True)
    at = fields.DatetimeField(db_index=True)
    request_id = fields.CharField(max_length=64)
    key_id = fields.CharField(max_length=32, null=True, db_index=True)  # null: no valid key was sent
    key_label = fields.CharField(max_length=200, null=True)
    role = fields.CharField(max_length=32, null=True)
    method = fields.CharField(max_length=8)
    route = fields.CharField(max_length=200, db_index=True)  # the route template, e.g. /v1/orders/{order_id}
    resource_id = fields.CharField(max_length=200, null=True)  # the path parameters, e.g. order_id=O-1
    caller_id = fields.CharField(max_length=200, null=True)  # the caller's own id from the body, e.g. event_id=E1
    decision_ids: Any = fields.JSONField()  # the decisions the call recorded (empty when it failed)
    status = fields.IntField()

    class Meta:
        table = "audit_log"


@dataclass(frozen=True)
class AuditFilter:
    key_id: str | None = None
    route: str | None = None
    method: str | None = None
    status: int | None = None
    since: dt.datetime | None = None
    until: dt.datetime | None = None


async def append_audit(**values: Any) -> AuditEntry:
    with translated_orm_errors("writing the audit log"):
        return await AuditEntry.create(**values)


async def find_audit(where: AuditFilter, limit: int, after_id: int | None) -> list[AuditEntry]:
    """Entries matching `where`, newest first; `after_id` continues after the last entry of a page."""
    query = AuditEntry.all()
    for name in ("key_id", "route", "method", "status"):
        if (value := getattr(where, name)) is not None:
            query = query.filter(**{name: value})
    if where.since:
        query = query.filter(at__gte=where.since)
    if where.until:
        query = query.filter(at__lt=where.until)
    if after_id is not None:
        query = query.filter(id__lt=after_id)
    with translated_orm_errors("reading the audit log"):
        return await query.order_by("-id").limit(limit)
