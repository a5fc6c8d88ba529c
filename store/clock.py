"""The platform's clock: the one source of "now" for everything that decides what is due.

A caller's time for a step (`paid_at`, an event's `at`, a dispute's `opened_at`) is a claim, accepted only within
the step's timeline and `now() + skew()`; deadlines run from `now()`, when the platform learned of the step.
Tests move this clock with `freeze` (tests/clock.py); nothing in the product moves it, and no setting does."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

DEFAULT_SKEW = dt.timedelta(minutes=5)


def _real() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


_source: Callable[[], dt.datetime] = _real
_frozen: dt.datetime | None = None
_skew: dt.timedelta = DEFAULT_SKEW


def now() -> dt.datetime:
    return _frozen if _frozen is not None else _source()


def skew() -> dt.timedelta:
    """How far ahead of the clock a caller's time may be (clocks of storefronts drift)."""
    return _skew


def set_skew(seconds: float) -> None:
    global _skew
    _skew = dt.timedelta(seconds=seconds)


def freeze(at: dt.datetime | None) -> None:
    """Tests only: hold the clock at `at` (None: the source again)."""
    global _frozen
    _frozen = at.astimezone(dt.UTC) if at is not None else None


def frozen() -> dt.datetime | None:
    return _frozen


def use_source(source: Callable[[], dt.datetime] | None) -> None:
    """Tests only (servers they start in other processes): read the time from `source` (None: the real clock)."""
    global _source
    _source = source or _real
