"""API tests run against the real app plus a few probe routes under /_probe that exercise the plumbing."""

from __future__ import annotations

from typing import Annotated

import pytest
from fastapi import APIRouter, FastAPI, Query
from pydantic import BaseModel, Field

from api.app import create_app
from api.common.auth import Principal, require_role
from api.common.errors import ERROR_RESPONSES, ApiError

probe = APIRouter(prefix="/_probe", responses=ERROR_RESPONSES)


class Parcel(BaseModel):
    sku: str = Field(min_length=1)
    quantity: int = Field(ge=1)


class ParcelGone(ApiError):
    status, code, title = 410, "parcel_gone", "Parcel gone"


@probe.post("/parcels")
async def post_parcel(parcel: Parcel, limit: Annotated[int, Query(le=100)] = 10) -> dict[str, int]:
    return {"quantity": parcel.quantity, "limit": limit}


@probe.get("/admin-only")
async def admin_only(principal: Annotated[Principal, require_role("policy_admin")]) -> dict[str, str]:
    return {"key_id": principal.key_id}


@probe.get("/reviewers-and-suppliers", dependencies=[require_role("reviewer", "supplier")])
async def reviewers_and_suppliers() -> dict[str, bool]:
    return {"ok": True}


@probe.get("/gone")
async def gone() -> None:
    raise ParcelGone("The parcel was collected.", extra={"collected_by": "S-1"})


@probe.get("/crash")
async def crash() -> None:
    raise RuntimeError("db password is hunter2 at /srv/secret.py")


@probe.post("/crash/{thing_id}")
async def crash_writing(thing_id: str, body: dict[str, str]) -> None:
    raise RuntimeError(f"db password is hunter2 while writing {thing_id}")


@pytest.fixture
def app(database_url: str) -> FastAPI:
    app = create_app(database_url=database_url, tick_seconds=0, run_migrations=False)
    app.include_router(probe)
    return app
