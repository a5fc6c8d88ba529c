"""GET /v1/whoami: the caller's key id, role and whom the key speaks for, for any valid key."""

from __future__ import annotations

from pydantic import BaseModel, Field

from api.common.auth import AnyPrincipal
from api.common.routing import api_router
from store.api_keys import Role

router = api_router(prefix="/v1", tags=["auth"])


class Caller(BaseModel):
    key_id: str
    role: Role
    party: str | None = Field(default=None, description="the storefront channel, seller or supplier it speaks for")
    person: str | None = Field(default=None, description="the reviewer or policy admin it belongs to")


@router.get("/whoami")
async def whoami(principal: AnyPrincipal) -> Caller:
    return Caller(key_id=principal.key_id, role=principal.role, party=principal.party, person=principal.person)
