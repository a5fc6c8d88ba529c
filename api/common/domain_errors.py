"""Domain errors from workflows and the engine, answered as problem details like every other error."""

from __future__ import annotations

from http import HTTPStatus

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from tortoise.exceptions import OperationalError

from api.common.errors import problem_response
from engine import EvaluationError, FactError, UnknownPolicy
from store.errors import StoreBusy
from store.sqlite_backend import is_lock_error
from workflows.common.errors import WorkflowError


async def _workflow_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, WorkflowError)
    extra = dict(exc.extra)
    if "errors" in extra:  # workflow field names are relative to the request body
        extra["errors"] = [{"field": f"body.{e['field']}", "code": exc.code, "message": e["message"]}
                           for e in extra["errors"]]
    return problem_response(exc.status, exc.code, HTTPStatus(exc.status).phrase, exc.message, extra=extra)


async def _fact_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, FactError)
    errors = [{"field": f"body.{name}", "code": exc.code, "message": message} for name, message in exc.problems]
    return problem_response(422, exc.code, "Invalid input", exc.message, extra={"errors": errors})


async def _evaluation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, EvaluationError)  # a defect of the serving policy, e.g. an overlapping unique table
    return problem_response(500, exc.code, "Policy could not decide", exc.message)


async def _unknown_policy(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, UnknownPolicy)
    return problem_response(404, exc.code, "Not Found", exc.message)


RETRY_AFTER_SECONDS = "1"


async def _store_busy(request: Request, exc: Exception) -> JSONResponse:
    """Another process kept the (SQLite) database locked past the wait a write allows: nothing was written, and
    the same request, with the same ids, may be sent again."""
    if isinstance(exc, OperationalError) and not is_lock_error(exc):
        raise exc
    return problem_response(503, "store_busy", "Service Unavailable",
                            "The database is busy with another process's write; nothing was changed. "
                            "Send the same request again.", headers={"Retry-After": RETRY_AFTER_SECONDS})


def install_domain_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(StoreBusy, _store_busy)
    app.add_exception_handler(OperationalError, _store_busy)
    app.add_exception_handler(UnknownPolicy, _unknown_policy)
    app.add_exception_handler(WorkflowError, _workflow_error)
    app.add_exception_handler(FactError, _fact_error)
    app.add_exception_handler(EvaluationError, _evaluation_error)
