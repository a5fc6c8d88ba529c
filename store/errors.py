"""What repositories raise instead of ORM exceptions: callers never see Tortoise or driver errors."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from tortoise.exceptions import DBConnectionError, DoesNotExist, IntegrityError, OperationalError

from problems import XiaopuError


class StoreError(XiaopuError):
    """Base class of every storage error."""

    status = 503
    code = "store_error"


class RecordNotFound(StoreError):
    status = 404
    code = "not_found"


class DuplicateRecord(StoreError):
    """A unique constraint refused the write."""

    status = 409
    code = "conflict"


class StoreUnavailable(StoreError):
    """The database could not be reached or refused the statement."""

    status = 503
    code = "store_unavailable"


class StoreBusy(StoreError):
    """Another process held the database's write lock longer than a write may wait (SQLite); nothing was
    written, and the same request may be sent again."""

    status = 503
    code = "store_busy"

    def __init__(self, message: str) -> None:
        super().__init__(message, headers={"Retry-After": "1"})


@contextmanager
def translated_orm_errors(what: str) -> Iterator[None]:
    """Re-raise Tortoise errors met while doing `what` (e.g. "saving API key") as StoreErrors."""
    try:
        yield
    except DoesNotExist as exc:
        raise RecordNotFound(f"{what}: not found") from exc
    except IntegrityError as exc:
        raise DuplicateRecord(f"{what}: conflicts with an existing record") from exc
    except (DBConnectionError, OperationalError, OSError) as exc:
        raise StoreUnavailable(f"{what}: database unavailable") from exc
