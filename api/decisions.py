"""GET /v1/decisions/{id}: the facts, the fired rules and the policy version behind a recorded decision."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter

from api.auth import require_role
from api.errors import ERROR_RESPONSES
from store.decisions import DecisionRecord
from workflows.decisions import decision_view
from workflows.errors import NotFound

router = APIRouter(prefix="/v1/decisions", tags=["decisions"], responses=ERROR_RESPONSES)


@router.get("/{decision_id}", dependencies=[require_role("storefront", "supplier", "reviewer", "policy_admin")])
async def read_decision(decision_id: uuid.UUID) -> dict[str, Any]:
    record = await DecisionRecord.get_or_none(id=decision_id)
    if record is None:
        raise NotFound(f"no decision {decision_id}", code="decision_not_found")
    return decision_view(record)
