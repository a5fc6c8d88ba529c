"""The platform's clock in tests: a test world moves forward as its story does.

In this process, `advance_to(t)` holds the clock at `t` unless it already stands later (the `autouse` fixture in
conftest.py gives each test the real clock back). Servers a test starts in other processes read the time from a
file (`XIAOPU_TEST_CLOCK_FILE`, installed by tests/clock_hook/sitecustomize.py), which `ClockFile` moves."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from store import clock

HOOK_DIR = Path(__file__).resolve().parent / "clock_hook"


def _parsed(when: str | dt.datetime) -> dt.datetime:
    value = dt.datetime.fromisoformat(when.replace("Z", "+00:00")) if isinstance(when, str) else when
    return value.astimezone(dt.UTC)


def advance_to(when: str | dt.datetime) -> dt.datetime:
    """Hold this process's clock at `when`, or where it stands if that is later; returns the clock's time."""
    target, held = _parsed(when), clock.frozen()
    if held is None or target > held:
        clock.freeze(target)
    return clock.now()


def start_at(when: str | dt.datetime) -> dt.datetime:
    """Hold this process's clock at `when`, earlier than now if need be: for a test whose story starts on a fixed
    day and moves forward from there (with `advance_to`), as the platform would have seen it."""
    clock.freeze(_parsed(when))
    return clock.now()


def period_ended(period: str) -> dt.datetime:
    """Move the clock to the first moment after `period` (YYYY-MM, China time) has ended, so it can be settled."""
    year, month = (int(part) for part in period.split("-"))
    china = dt.timezone(dt.timedelta(hours=8))
    return advance_to(dt.datetime(year + month // 12, month % 12 + 1, 1, tzinfo=china))


class ClockFile:
    """The clock of servers started by a test: env() for their environment, advance_to() to move them."""

    def __init__(self, path: Path, start: str | dt.datetime) -> None:
        self.path = path
        self.at = _parsed(start)
        self.path.write_text(self.at.isoformat())

    def env(self) -> dict[str, str]:
        import os
        paths = [str(HOOK_DIR), os.environ.get("PYTHONPATH", "")]
        return {"XIAOPU_TEST_CLOCK_FILE": str(self.path), "PYTHONPATH": os.pathsep.join(p for p in paths if p)}

    def advance_to(self, when: str | dt.datetime) -> None:
        self.at = max(self.at, _parsed(when))
        self.path.write_text(self.at.isoformat())
