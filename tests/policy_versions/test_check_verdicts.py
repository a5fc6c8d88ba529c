"""A check is a pure function of its request: the same candidate or draft checked again in the same process is
answered from the kept verdict without a new child, but only when the verdict reads no clock, and never a crash,
a limit or a timeout. Each test counts the children its own check command starts."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.policy_versions.helpers import FRUIT_AT_16, edited_files, shipped_files
from workflows.policies.candidate_check import CheckLimits, checked_in_child
from workflows.policies.draft_check import CHILD as DRAFT_CHILD
from workflows.policies.draft_check import checked_draft

CANDIDATE_MODULE = "workflows.policies.candidate_check"
DRAFT_MODULE = DRAFT_CHILD[-1]


def counting(module: str, count: Path) -> tuple[str, ...]:
    """The real check child, noting each start in `count` (a command no other test uses)."""
    return (sys.executable, "-c", f"open({str(count)!r}, 'a').write('x'); import runpy; "
                                  f"runpy.run_module({module!r}, run_name='__main__')")


def started(count: Path) -> int:
    return len(count.read_text()) if count.exists() else 0


def without_effective_from() -> dict[str, str]:
    files = shipped_files()
    lines = files["policies.yaml"].splitlines(keepends=True)
    files["policies.yaml"] = "".join(line for line in lines if not line.startswith("effective_from:"))
    return files


async def test_the_same_candidate_checked_again_starts_no_second_child(tmp_path: Path) -> None:
    count = tmp_path / "count"
    command = counting(CANDIDATE_MODULE, count)
    first = await checked_in_child(shipped_files(), command=command)
    again = await checked_in_child(shipped_files(), command=command)
    assert started(count) == 1
    assert again.content_hash == first.content_hash
    await checked_in_child(edited_files(FRUIT_AT_16), command=command)
    assert started(count) == 2  # other files: a check of their own
    await checked_in_child(shipped_files(), CheckLimits(seconds=29), command=command)
    assert started(count) == 3  # other limits: a check of their own


async def test_a_verdict_read_at_the_moment_of_checking_is_never_kept(tmp_path: Path) -> None:
    count = tmp_path / "count"
    command = counting(CANDIDATE_MODULE, count)
    files = without_effective_from()  # its examples are evaluated now
    for _ in range(2):
        await checked_in_child(files, command=command)
    assert started(count) == 2


async def test_a_draft_what_if_is_kept_only_when_it_names_its_moment(tmp_path: Path) -> None:
    count = tmp_path / "count"
    command = counting(DRAFT_MODULE, count)
    facts = {"category": "fresh_fruit", "price": "28.90", "quantity": 1}
    at_noon = {"policy": "commission", "facts": facts, "as_of": "2026-11-05T12:00:00+08:00"}
    now = {"policy": "commission", "facts": facts}
    answers = [await checked_draft(shipped_files(), what_if_request=at_noon, command=command) for _ in range(2)]
    assert started(count) == 1 and answers[0] == answers[1]
    assert answers[0]["what_if"]["decision"]["outputs"]["commission"] == "5.20"
    for _ in range(2):
        await checked_draft(shipped_files(), what_if_request=now, command=command)
    assert started(count) == 3


@pytest.mark.subprocess
async def test_a_crash_or_a_timeout_is_checked_again(tmp_path: Path) -> None:
    count = tmp_path / "count"
    crash = (sys.executable, "-c", f"open({str(count)!r}, 'a').write('x'); import os, signal; "
                                   "os.kill(os.getpid(), signal.SIGSEGV)")
    for _ in range(2):
        answer = await checked_draft(shipped_files(), command=crash)
        assert answer["valid"] is False and answer["diagnostics"][0]["code"] == "compiler_crashed"
    assert started(count) == 2
    slow = tmp_path / "slow"  # notes its start, then outlives its time limit
    stalling = (sys.executable, "-c", f"open({str(slow)!r}, 'a').write('x'); import time; time.sleep(60)")
    for _ in range(2):
        answer = await checked_draft(shipped_files(), CheckLimits(seconds=2), command=stalling)
        assert answer["diagnostics"][0]["code"] == "compiler_limit"
    assert started(slow) == 2
