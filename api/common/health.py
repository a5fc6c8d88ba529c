"""GET /healthz: is the service up, and which policy version does it serve. No key needed."""

from __future__ import annotations

from fastapi import Request
from pydantic import BaseModel

from api.common.routing import api_router

router = api_router(tags=["health"], responses={})


class Health(BaseModel):
    status: str
    policy_version: str


@router.get("/healthz")
async def healthz(request: Request) -> Health:
    return Health(status="ok", policy_version=request.app.state.evaluator.policy_set.label)
