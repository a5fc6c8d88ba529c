"""Opaque page cursors for lists ordered by more than a row id: the position of a page's last row, as text a
caller hands back unchanged (`after`); anything else is 422 `invalid_cursor`."""

from __future__ import annotations

import base64
import datetime as dt
import json

from workflows.common.errors import InvalidInput
from workflows.common.timeline import EARLIEST, LATEST


def cursor_of(*position: str) -> str:
    return base64.urlsafe_b64encode(json.dumps(list(position)).encode()).decode().rstrip("=")


def position_of(cursor: str, parts: int) -> list[str]:
    """The `parts` strings `cursor_of` put in `cursor`."""
    try:
        position = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (ValueError, TypeError) as exc:
        raise invalid_cursor() from exc
    if not isinstance(position, list) or len(position) != parts or not all(isinstance(p, str) for p in position):
        raise invalid_cursor()
    if any("\x00" in p for p in position):  # no id holds a NUL, and PostgreSQL refuses one in text (a 500)
        raise invalid_cursor()
    return position


def cursor_time(text: str) -> dt.datetime:
    """A time `cursor_of` was given (with its UTC offset)."""
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError as exc:
        raise invalid_cursor() from exc
    if value.utcoffset() is None:
        raise invalid_cursor()
    try:  # a time no row holds (year 1 at +14:00 is before year 1 in UTC): PostgreSQL's driver had raised a 500
        value = value.astimezone(dt.UTC)
    except OverflowError as exc:
        raise invalid_cursor() from exc
    if not EARLIEST <= value < LATEST:
        raise invalid_cursor()
    return value


def invalid_cursor() -> InvalidInput:
    return InvalidInput("`after` is not a cursor this API gave out (use `next` of the previous page)",
                        code="invalid_cursor")
