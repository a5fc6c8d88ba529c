"""API keys as operators see them: status (active, expired, revoked) and dates, never the secret or its hash."""

from __future__ import annotations

import datetime as dt
from typing import Any

from engine.fields import iso_utc_or_none
from store.api_keys import ApiKey, key_status, revoke, utc_now
from store.errors import RecordNotFound
from workflows.common.errors import NotFound


def key_view(key: ApiKey, now: dt.datetime | None = None) -> dict[str, Any]:
    return {"key_id": key.key_id, "role": str(key.role), "label": key.label, "party": key.party,
            "person": key.person,
            "status": key_status(key, now or utc_now()), "created_at": iso_utc_or_none(key.created_at),
            "expires_at": iso_utc_or_none(key.expires_at), "revoked_at": iso_utc_or_none(key.revoked_at)}


async def revoke_key(key_id: str) -> ApiKey:
    """Revoke the key now (the first revocation's time is kept)."""
    try:
        revoked = await revoke(key_id)
    except RecordNotFound as exc:
        raise NotFound(f"no API key {key_id!r}", code="key_not_found") from exc
    return revoked
