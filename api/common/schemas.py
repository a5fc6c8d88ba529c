"""The types every request body shares: money as yuan text at the edge (integer fen before any workflow sees
it), ids, times kept in UTC, and the strict base model that refuses unknown fields."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import AfterValidator, AwareDatetime, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints
from pydantic_core import PydanticCustomError

from store import clock
from workflows.common.timeline import in_platform_range


def _money_as_text(value: Any) -> Any:
    """A price sent as a JSON number is told how money is written, not "Input should be a valid string"."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise PydanticCustomError("money_as_text", 'money is a decimal string of yuan such as "28.90", not a number')
    return value


def _two_places(value: str) -> str:
    """One way to write each amount ("5", "5.0" and "005.00" are "5.00"): what a workflow, an answer and an
    idempotency fingerprint see, so that a retry that writes the amount another way is the same request."""
    whole, _, cents = value.partition(".")
    return f"{int(whole)}.{cents.ljust(2, '0')}"


# The pattern before the validator that names a number's mistake: so OpenAPI documents it (a pattern after a
# BeforeValidator is checked but left out of the schema, and clients and the API fuzz could not know the format).
Yuan = Annotated[str, StringConstraints(pattern=r"^\d{1,13}(\.\d{1,2})?$"), BeforeValidator(_money_as_text),
                 AfterValidator(_two_places)]
Id = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.:\-]+$")]
# An object another party chose the id of, as the other parties name it: "D-1@<channel>" (scoped_ids.py).
QualifiedId = Annotated[str, StringConstraints(min_length=1, max_length=160,
                                               pattern=r"^[A-Za-z0-9_.:\-]+(@[A-Za-z0-9_.:\-]+)?$")]
Category = Annotated[str, StringConstraints(min_length=1, max_length=64)]
# The largest row id a database stores (a signed 64-bit integer): larger cursors are 422, not a driver error.
MAX_ROW_ID = 2**63 - 1
# Every list pages the same way: `after` (the previous page's `next`) in, `next` out (None on the last page).
RowCursor = Annotated[int, Field(ge=0, le=MAX_ROW_ID, description="`next` of the previous page")]
# lists ordered by more than a row id page with an opaque cursor (workflows/common/cursors.py)
PageCursor = Annotated[str, StringConstraints(min_length=1, max_length=400, pattern=r"^[A-Za-z0-9_\-]+$")]


def _in_utc(value: dt.datetime) -> dt.datetime:
    """Found by the API fuzz: `0001-01-01T00:00:00+01:00` overflowed in astimezone (a 500), and a time near
    9999 overflows when a deadline is added to it. Times are refused outside 1970 to 2999."""
    moment = in_platform_range(value)
    if moment is None:
        raise ValueError("the time is out of range (1970 to 2999)")
    return moment


# Times arrive with any offset and are kept in UTC (SQLite compares stored times as text).
UtcDatetime = Annotated[AwareDatetime, AfterValidator(_in_utc)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


def utc(value: dt.datetime | None) -> dt.datetime:
    return (value or clock.now()).astimezone(dt.UTC)
