"""The policy set the API serves: loaded once at start-up, shared by every request."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from engine import Evaluator


def get_evaluator(request: Request) -> Evaluator:
    evaluator: Evaluator = request.app.state.evaluator
    return evaluator


ActiveEvaluator = Annotated[Evaluator, Depends(get_evaluator)]
