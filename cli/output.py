"""What the commands share: reading a time from the command line, writing a JSON report."""

from __future__ import annotations

import datetime as dt
import json
import sys
import time
from collections.abc import Callable
from typing import Any


def parse_as_of(text: str | None) -> dt.datetime:
    """An ISO 8601 time with an offset (Z allowed), or now; always returned in UTC."""
    if not text:
        return dt.datetime.now(dt.UTC)
    moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        raise ValueError(f"{text!r} needs a UTC offset, e.g. 2026-11-30T00:00:00Z")
    return moment.astimezone(dt.UTC)


def write_report(report: Any, output: str | None) -> None:
    """The report as JSON: to a file when asked, else to standard output."""
    text = json.dumps(report, ensure_ascii=False, indent=2)
    if output:
        with open(output, "w", encoding="utf-8") as f:
            f.write(text + "\n")
    else:
        print(text)


def progress_bar(label: str) -> Callable[[int, int], None]:
    """`show(done, total)`: a bar with the count and rate on standard error, ending its line when done."""
    started = time.perf_counter()

    def show(done: int, total: int) -> None:
        filled = 30 * done // max(total, 1)
        rate = done / max(time.perf_counter() - started, 1e-9)
        print(f"\r{label} [{'#' * filled}{'.' * (30 - filled)}] {done:,}/{total:,} {rate:,.0f}/s", end="",
              file=sys.stderr, flush=True)
        if done >= total:
            print(file=sys.stderr)

    return show
