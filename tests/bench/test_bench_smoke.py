"""Every benchmark still runs: each in its smoke mode (a second or two at tiny sizes), so a change that breaks
one fails the suite instead of waiting for the next person who measures. The figures are not checked here:
speed is measured by the full runs, by hand (docs/operations.md)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import postgres_answers

ROOT = Path(__file__).resolve().parents[2]
HELPERS = ("loadgen", "bare_app", "cpu", "supply", "__init__")  # what the benchmarks use, not benchmarks
BENCHES = sorted(p.stem for p in (ROOT / "bench").glob("*.py") if p.stem not in HELPERS)
NEEDS_POSTGRES = {"campaigns", "raw_writes", "workers"}


def test_every_benchmark_is_listed() -> None:
    assert BENCHES == ["api", "campaigns", "engine", "policy_switch", "raw_writes", "replay", "simulate", "workers"]


@pytest.mark.parametrize("bench", BENCHES)
def test_the_benchmark_runs_in_smoke_mode(bench: str) -> None:
    if bench in NEEDS_POSTGRES and not postgres_answers():
        pytest.skip("this benchmark runs on PostgreSQL, which does not answer")
    done = subprocess.run([sys.executable, f"bench/{bench}.py", "--smoke"], cwd=ROOT, capture_output=True, text=True,
                          timeout=180)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    assert done.stdout.strip(), "a benchmark prints its figures"


def test_the_quote_benchmark_runs_on_postgres_in_smoke_mode() -> None:
    if not postgres_answers():
        pytest.skip("this run of the benchmark needs PostgreSQL, which does not answer")
    done = subprocess.run([sys.executable, "bench/api.py", "--smoke", "--postgres"], cwd=ROOT, capture_output=True,
                          text=True, timeout=180)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    assert "Xiaopu on PostgreSQL" in done.stdout and "Xiaopu quote" in done.stdout
