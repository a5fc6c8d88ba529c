"""POST /v1/jobs/tick (policy_admin): apply what is due now, or at an explicit `as_of` (operators, tests)."""

from __future__ import annotations

from typing import Any

from api.common.auth import require_role
from api.common.policy import ActiveEvaluator
from api.common.responses import TickOut
from api.common.routing import api_router
from api.common.schemas import Strict, UtcDatetime, utc
from engine.fields import iso_utc
from workflows.common.jobs import run_due
from workflows.common.timeline import operator_time

router = api_router(prefix="/v1/jobs", tags=["jobs"])


class TickRequest(Strict):
    as_of: UtcDatetime | None = None


@router.post("/tick", response_model=TickOut, dependencies=[require_role("policy_admin")])
async def tick(body: TickRequest, evaluator: ActiveEvaluator) -> dict[str, Any]:
    as_of = operator_time("as_of", utc(body.as_of) if body.as_of else None)
    return {"as_of": iso_utc(as_of), **await run_due(evaluator, as_of)}
