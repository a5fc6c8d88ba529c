"""Errors of libraries we do not own, answered as our own: a SQLite lock that reached a statement outside a
transaction (Tortoise's OperationalError) is store.errors.StoreBusy, 503 store_busy with Retry-After."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from tortoise.exceptions import OperationalError

from api.common.errors import product_problem
from store.errors import StoreBusy
from store.sqlite_backend import is_lock_error


async def _locked(request: Request, exc: Exception) -> JSONResponse:
    """Another process kept the (SQLite) database locked past the wait a write allows: nothing was written, and
    the same request, with the same ids, may be sent again."""
    if not (isinstance(exc, OperationalError) and is_lock_error(exc)):
        raise exc
    return product_problem(StoreBusy("The database is busy with another process's write; nothing was changed. "
                                     "Send the same request again."))


def install_library_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(OperationalError, _locked)
