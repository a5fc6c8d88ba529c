"""Domain errors raised by workflows; the API maps each to a problem response by its status and code."""

from __future__ import annotations

from typing import Any

from problems import XiaopuError


class WorkflowError(XiaopuError):
    status = 400
    code = "bad_request"

    def __init__(self, message: str, *, code: str | None = None, **extra: Any) -> None:
        super().__init__(message, code=code or None, **extra)


class NotAllowed(WorkflowError):
    status = 403
    code = "forbidden"


class NotFound(WorkflowError):
    status = 404
    code = "not_found"


class Conflict(WorkflowError):
    status = 409
    code = "conflict"


class InvalidInput(WorkflowError):
    status = 422
    code = "invalid_input"
