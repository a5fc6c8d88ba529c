"""A caller's time for a step is a claim the platform bounds: not before the previous step of the same order or
case, and not after the platform's clock plus the allowed skew. Operators' times and periods are never ahead of
the clock. Refusals are 422 naming the field and the bound."""

from __future__ import annotations

import datetime as dt

from engine.fields import iso_utc
from store import clock
from workflows.common.errors import InvalidInput

# the times the platform takes at all (the API refuses others at the edge, a page cursor too): a time near 9999
# overflows once a deadline is added to it
EARLIEST, LATEST = dt.datetime(1970, 1, 1, tzinfo=dt.UTC), dt.datetime(3000, 1, 1, tzinfo=dt.UTC)


class TimeOutOfBounds(InvalidInput):
    code = "time_out_of_bounds"


def in_platform_range(value: dt.datetime) -> dt.datetime | None:
    """`value` in UTC if it lies between EARLIEST and LATEST, else None (a time near the calendar's ends overflows
    when moved to UTC or when a deadline is added to it)."""
    try:
        moment = value.astimezone(dt.UTC)
    except OverflowError:
        return None
    return moment if EARLIEST <= moment < LATEST else None


def claimed_time(field: str, value: dt.datetime, not_before: dt.datetime | None = None,
                 previous: str = "the previous step") -> dt.datetime:
    """`value` if it lies between `not_before` (the previous step's time) and now plus the skew, else 422."""
    latest = clock.now() + clock.skew()
    if value > latest:
        raise TimeOutOfBounds(f"{field} {iso_utc(value)} is later than the platform's clock allows "
                              f"({iso_utc(latest)}: now plus {_minutes(clock.skew())})", code="time_in_future",
                              errors=[{"field": field, "message": f"at most {iso_utc(latest)}"}],
                              latest=iso_utc(latest))
    if not_before is not None and value < not_before:
        raise TimeOutOfBounds(f"{field} {iso_utc(value)} is before {previous} ({iso_utc(not_before)})",
                              code="time_before_previous_step",
                              errors=[{"field": field, "message": f"at least {iso_utc(not_before)}"}],
                              earliest=iso_utc(not_before))
    return value


def operator_time(field: str, value: dt.datetime | None) -> dt.datetime:
    """An operator's `as_of`: now when omitted; never ahead of the platform's clock."""
    now = clock.now()
    if value is None:
        return now
    if value > now:
        raise TimeOutOfBounds(f"{field} {iso_utc(value)} is in the future (the platform's clock says "
                              f"{iso_utc(now)}); what is due is decided by the platform's clock",
                              code="time_in_future", errors=[{"field": field, "message": f"at most {iso_utc(now)}"}],
                              latest=iso_utc(now))
    return value


def _minutes(delta: dt.timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    return f"{minutes} minute{'s' if minutes != 1 else ''}"
