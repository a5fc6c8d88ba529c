"""The benchmarks' clock (tests/clock_hook, XIAOPU_TEST_CLOCK_AT): a server process starts at the given time and its
clock runs on, as the real one does, without a file to read at every look."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
AT = "2026-12-08T10:00:00+08:00"
PROBE = ("import time; from store import clock; a = clock.now(); time.sleep(0.05); b = clock.now(); "
         "print(a.isoformat(), b.isoformat())")


def test_the_clock_starts_at_the_given_time_and_runs_on() -> None:
    env = {**os.environ, "XIAOPU_TEST_CLOCK_AT": AT,
           "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "tests" / "clock_hook")])}
    env.pop("XIAOPU_TEST_CLOCK_FILE", None)
    done = subprocess.run([sys.executable, "-c", PROBE], env=env, cwd=ROOT, capture_output=True, text=True,
                          timeout=60, check=True)
    first, second = (dt.datetime.fromisoformat(text) for text in done.stdout.split())
    start = dt.datetime.fromisoformat(AT)
    assert start <= first < start + dt.timedelta(seconds=30), first
    assert second - first >= dt.timedelta(seconds=0.05)
