"""GET /v1/audit (policy_admin): the append-only log of every mutating call, newest first, cursor-paginated."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import Query
from pydantic import BaseModel, StringConstraints

from api.common.auth import require_role
from api.common.routing import api_router
from api.common.schemas import MAX_ROW_ID, UtcDatetime
from engine.fields import iso_utc
from store.audit import AuditEntry, AuditFilter, find_audit

router = api_router(prefix="/v1", tags=["audit"])
Route = Annotated[str, StringConstraints(min_length=1, max_length=200)]
KeyId = Annotated[str, StringConstraints(min_length=1, max_length=32)]


class Who(BaseModel):
    key_id: str | None
    label: str | None
    role: str | None


class AuditEntryOut(BaseModel):
    audit_id: int
    at: str
    request_id: str
    who: Who
    method: str
    route: str
    resource_id: str | None
    caller_id: str | None
    decision_ids: list[str]
    status: int


class AuditPage(BaseModel):
    entries: list[AuditEntryOut]
    next: int | None


def entry_view(e: AuditEntry) -> dict[str, Any]:
    return {"audit_id": e.id, "at": iso_utc(e.at), "request_id": e.request_id,
            "who": {"key_id": e.key_id, "label": e.key_label, "role": e.role},
            "method": e.method, "route": e.route, "resource_id": e.resource_id, "caller_id": e.caller_id,
            "decision_ids": e.decision_ids, "status": e.status}


@router.get("/audit", dependencies=[require_role("policy_admin")])
async def audit_log(key_id: KeyId | None = None,
                    route: Annotated[Route | None, Query(description="a route template: /v1/orders/{order_id}")] = None,
                    method: Literal["POST", "PUT", "PATCH", "DELETE"] | None = None,
                    status: Annotated[int | None, Query(ge=100, le=599)] = None,
                    since: UtcDatetime | None = None, until: UtcDatetime | None = None,
                    limit: int = Query(default=100, ge=1, le=500),
                    after: Annotated[int | None, Query(ge=1, le=MAX_ROW_ID,
                                                       description="cursor: the `next` of the previous page")] = None
                    ) -> AuditPage:
    """Who (key id, label, role) did what (method, route, path parameters, their own id), which decisions it
    recorded, how it ended (status) and its request id."""
    entries = await find_audit(AuditFilter(key_id, route, method, status, since, until), limit, after)
    return AuditPage.model_validate({"entries": [entry_view(e) for e in entries],
                                     "next": entries[-1].id if len(entries) == limit else None})
