"""Where the machine's CPU went during a run, read from /proc (Linux): a process's CPU time, PostgreSQL's, and the
share of the machine's cores that were busy. Where /proc cannot be read, the figures are 0."""

from __future__ import annotations

import os
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def cpu_seconds(pids: list[int]) -> float:
    """CPU time (user and system) the processes have used so far."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / TICK


def process_tree(pid: int) -> list[int]:
    """`pid` and every process it started, and theirs (a server and its workers), as they are now."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*/children") if Path(f"/proc/{current}").is_dir() else []:
            try:
                todo += [int(child) for child in task.read_text().split()]
            except OSError:
                continue
    return found


def postgres_pids() -> list[int]:
    """The PostgreSQL server's processes on this machine."""
    found = []
    for entry in Path("/proc").iterdir() if Path("/proc").is_dir() else []:
        try:
            if entry.name.isdigit() and (entry / "comm").read_text().strip() == "postgres":
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def machine_ticks() -> tuple[int, int]:
    """(busy, all) clock ticks of every core since boot."""
    try:
        values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    except (OSError, ValueError, IndexError):
        return 0, 0
    idle = values[3] + (values[4] if len(values) > 4 else 0)  # idle and waiting for I/O
    return sum(values) - idle, sum(values)


def busy_share(before: tuple[int, int], after: tuple[int, int]) -> float:
    """The share of the machine's cores busy between two `machine_ticks` readings."""
    elapsed = after[1] - before[1]
    return (after[0] - before[0]) / elapsed if elapsed else 0.0
