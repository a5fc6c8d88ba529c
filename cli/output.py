"""What the commands share: reading a time from the command line, writing a JSON report."""

from __future__ import annotations

import datetime as dt
import json
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
