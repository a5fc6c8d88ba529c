"""Caller-supplied ids make writes idempotent: the same body again is a replay, another body a conflict."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from workflows.errors import Conflict


def body_hash(body: Any) -> str:
    """A stable fingerprint of a request body (canonical JSON)."""
    return hashlib.sha256(json.dumps(body, sort_keys=True, separators=(",", ":"), default=str).encode()).hexdigest()


def check_replay(kind: str, key: str, stored_hash: str, new_hash: str) -> None:
    """Raise 409 when an id is reused for a different request."""
    if stored_hash != new_hash:
        raise Conflict(f"{kind} {key!r} was already received with a different body", code=f"{kind}_id_reused")
