"""The policy versions the API serves: a registry that answers each decision with the version in force at
its as_of, kept in step with the database (see workflows/policies/registry.py)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from engine import PolicyEvaluator
from workflows.policies.registry import PolicyRegistry


def evaluator_of(request: Request) -> PolicyEvaluator:
    evaluator: PolicyEvaluator = request.app.state.evaluator
    return evaluator


async def get_evaluator(request: Request) -> PolicyEvaluator:  # async: no thread hop per request
    return evaluator_of(request)


ActiveEvaluator = Annotated[PolicyEvaluator, Depends(get_evaluator)]


async def get_registry(request: Request) -> PolicyRegistry:
    registry: PolicyRegistry = request.app.state.evaluator
    return registry


Registry = Annotated[PolicyRegistry, Depends(get_registry)]
