"""API keys for operators: revoke one at once (POST /v1/keys/{key_id}/revoke, policy_admin).

Keys are created with `xiaopu keys create` (optionally `--expires-in-days N`); a revoked or expired key is
refused with 401 on its next call, in every process (each call looks the key up in the database).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, Field, StringConstraints

from api.common.auth import require_role
from api.common.errors import problem_doc
from api.common.routing import api_router
from workflows.common.keys import key_view, revoke_key

router = api_router(prefix="/v1/keys", tags=["keys"])


class KeyOut(BaseModel):
    key_id: str
    role: str
    label: str | None
    party: str | None = Field(description="the storefront channel, seller or supplier the key speaks for")
    person: str | None = Field(description="the reviewer or policy admin the key belongs to")
    status: Literal["active", "expired", "revoked"]
    created_at: str | None
    expires_at: str | None
    revoked_at: str | None


KeyId = Annotated[str, StringConstraints(min_length=1, max_length=32, pattern=r"^[A-Za-z0-9_\-]+$")]


@router.post("/{key_id}/revoke", dependencies=[require_role("policy_admin")],
             responses={404: problem_doc("No key with this key id (`key_not_found`)")})
async def revoke(key_id: KeyId) -> KeyOut:
    """Revoke a key by its key id (as `xiaopu keys list` shows it); revoking again keeps the first time."""
    return KeyOut.model_validate(key_view(await revoke_key(key_id)))
