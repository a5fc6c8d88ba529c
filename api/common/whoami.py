"""GET /v1/whoami: the caller's key id and role, for any valid key."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

from api.common.auth import AnyPrincipal
from api.common.errors import ERROR_RESPONSES
from store.api_keys import Role

router = APIRouter(prefix="/v1", tags=["auth"], responses=ERROR_RESPONSES)


class Caller(BaseModel):
    key_id: str
    role: Role


@router.get("/whoami")
async def whoami(principal: AnyPrincipal) -> Caller:
    return Caller(key_id=principal.key_id, role=principal.role)
