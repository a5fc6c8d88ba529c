"""API keys as operators see them: status (active, expired, revoked) and dates, never the secret or its hash."""

from __future__ import annotations

import datetime as dt
from typing import Any

from engine.fields import iso_utc
from store.api_keys import ApiKey, revoke, utc_now
from store.errors import RecordNotFound


def key_status(key: ApiKey, now: dt.datetime) -> str:
    if key.revoked_at is not None:
        return "revoked"
    return "expired" if key.expires_at is not None and key.expires_at <= now else "active"


def key_view(key: ApiKey, now: dt.datetime | None = None) -> dict[str, Any]:
    def when(value: dt.datetime | None) -> str | None:
        return iso_utc(value) if value else None

    return {"key_id": key.key_id, "role": str(key.role), "label": key.label,
            "status": key_status(key, now or utc_now()), "created_at": when(key.created_at),
            "expires_at": when(key.expires_at), "revoked_at": when(key.revoked_at)}


async def revoke_key(key_id: str) -> ApiKey | None:
    """Revoke the key now (the first revocation's time is kept); None when there is no such key."""
    try:
        return await revoke(key_id)
    except RecordNotFound:
        return None
