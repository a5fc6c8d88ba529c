"""Errors of libraries we do not own, answered as problem details like our own: a SQLite lock that reached
a statement outside a transaction (Tortoise's OperationalError) is 503 store_busy, as store.errors.StoreBusy is."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from tortoise.exceptions import OperationalError

from api.common.errors import problem_response
from store.sqlite_backend import is_lock_error

RETRY_AFTER_SECONDS = "1"


async def _locked(request: Request, exc: Exception) -> JSONResponse:
    """Another process kept the (SQLite) database locked past the wait a write allows: nothing was written, and
    the same request, with the same ids, may be sent again."""
    if not (isinstance(exc, OperationalError) and is_lock_error(exc)):
        raise exc
    return problem_response(503, "store_busy", "Service Unavailable",
                            "The database is busy with another process's write; nothing was changed. "
                            "Send the same request again.", headers={"Retry-After": RETRY_AFTER_SECONDS})


def install_library_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(OperationalError, _locked)
