"""The platform's clock in tests: a test world moves forward as its story does.

Every test's world starts at WORLD_START, whatever the real date, and its clock runs from there at the real clock's
pace (the `autouse` fixture in conftest.py; a module's `world_starts` mark starts it elsewhere): stores open,
lists are shared and policies are published before the stories' fixed days, as the platform would have seen them.
In this process, `advance_to(t)` holds the clock at `t` unless it already stands later. Servers a test starts in
other processes run on the same clock (`world_env`), or read the time from a file (`XIAOPU_TEST_CLOCK_FILE`,
installed by tests/clock_hook/sitecustomize.py) which `ClockFile` moves."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from store import clock

HOOK_DIR = Path(__file__).resolve().parent / "clock_hook"


def parsed_time(when: str | dt.datetime) -> dt.datetime:
    value = dt.datetime.fromisoformat(when.replace("Z", "+00:00")) if isinstance(when, str) else when
    return value.astimezone(dt.UTC)


# The moment every test's world starts at, before the stories the tests tell: stores open, lists are shared and
# policies are published on the platform's clock, and an order paid on a fixed day must come after its store opened,
# whatever the real date. 2026-11-01 00:00 China time, when the shipped policy set takes effect (policies.yaml).
WORLD_START = dt.datetime(2026, 10, 31, 16, 0, tzinfo=dt.UTC)


def start_world(at: dt.datetime = WORLD_START) -> dt.datetime:
    """This process's clock runs from `at` at the real clock's pace (not held), as a test's world starts."""
    offset = at - dt.datetime.now(dt.UTC)
    clock.freeze(None)
    clock.use_source(lambda: dt.datetime.now(dt.UTC) + offset)
    return clock.now()


def world_env() -> dict[str, str]:
    """The environment of a server a test starts in another process: its clock runs as this test's clock does (from
    where the test holds it, if it does)."""
    import os
    paths = [str(HOOK_DIR), os.environ.get("PYTHONPATH", "")]
    held = clock.frozen()
    setting = ({"XIAOPU_TEST_CLOCK_AT": held.isoformat()} if held is not None else
               {"XIAOPU_TEST_CLOCK_OFFSET": str((clock.now() - dt.datetime.now(dt.UTC)).total_seconds())})
    return {**setting, "PYTHONPATH": os.pathsep.join(p for p in paths if p)}


def advance_to(when: str | dt.datetime) -> dt.datetime:
    """Hold this process's clock at `when`, or where it stands if that is later; returns the clock's time."""
    target, held = parsed_time(when), clock.frozen()
    if held is None or target > held:
        clock.freeze(target)
    return clock.now()


def start_at(when: str | dt.datetime) -> dt.datetime:
    """Hold this process's clock at `when`, earlier than now if need be: for a test whose story starts on a fixed
    day and moves forward from there (with `advance_to`), as the platform would have seen it."""
    clock.freeze(parsed_time(when))
    return clock.now()


def step_time(body: Mapping[str, Any]) -> str | None:
    """The latest time a reported step names of its own (`paid_at`, `at`, `opened_at`, a reference's
    `observed_at`): a test moves a server's clock there before it reports the step, as it happens."""
    times = [str(body[k]) for k in ("paid_at", "at", "opened_at") if body.get(k)] + [
        str(seen["observed_at"]) for seen in (body.get("references") or {}).values()]
    return max(times, key=parsed_time) if times else None


def period_ended(period: str) -> dt.datetime:
    """Move the clock to the first moment after `period` (YYYY-MM, China time) has ended, so it can be settled."""
    year, month = (int(part) for part in period.split("-"))
    china = dt.timezone(dt.timedelta(hours=8))
    return advance_to(dt.datetime(year + month // 12, month % 12 + 1, 1, tzinfo=china))


class ClockFile:
    """The clock of servers started by a test: env() for their environment, advance_to() to move them."""

    def __init__(self, path: Path, start: str | dt.datetime) -> None:
        self.path = path
        self.at = parsed_time(start)
        self.path.write_text(self.at.isoformat())

    def env(self) -> dict[str, str]:
        import os
        paths = [str(HOOK_DIR), os.environ.get("PYTHONPATH", "")]
        return {"XIAOPU_TEST_CLOCK_FILE": str(self.path), "PYTHONPATH": os.pathsep.join(p for p in paths if p)}

    def advance_to(self, when: str | dt.datetime) -> None:
        self.at = max(self.at, parsed_time(when))
        self.path.write_text(self.at.isoformat())
