"""`xiaopu seal-logs`, `xiaopu verify-log [--heads FILE]`, `xiaopu log-heads`: tamper evidence over decisions,
commission lines, deposit movements, dispute steps, policy activations and audit entries
(workflows/integrity/seals.py). verify-log exits 1 naming every record edited, deleted or back-dated."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable
from pathlib import Path

from cli.output import progress_bar
from cli.store_session import run_in_store
from workflows.integrity.seals import log_heads, seal_logs, verify_logs


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("seal-logs", help="seal what was written since the last seal (the server's tick does it too)")
    p.add_argument("--settle-seconds", type=float, default=60.0,
                   help="leave the most recent seconds unsealed: transactions may still be committing")
    p.set_defaults(handler=lambda args: run_in_store("seal-logs", _seal, args))
    p = sub.add_parser("verify-log", help="recompute the seals; exit 1 naming each edited, deleted or back-dated "
                       "record")
    p.add_argument("--heads", type=Path, help="heads exported earlier by `xiaopu log-heads`: catches a chain "
                   "rewritten whole")
    p.set_defaults(handler=lambda args: run_in_store("verify-log", _verify, args))
    p = sub.add_parser("log-heads", help="print the newest seal of each kind as JSON, for a third party to hold")
    p.set_defaults(handler=lambda args: run_in_store("log-heads", _heads, args))


async def _seal(args: argparse.Namespace) -> int:
    sealed = await seal_logs(dt.datetime.now(dt.UTC), dt.timedelta(seconds=args.settle_seconds))
    for kind, count in sealed.items():
        print(f"{kind}: {count:,} record(s) sealed")
    if not sealed:
        print("nothing new to seal")
    return 0


def _per_kind() -> Callable[[str, int, int], None]:
    bars: dict[str, Callable[[int, int], None]] = {}

    def show(kind: str, done: int, total: int) -> None:
        bars.setdefault(kind, progress_bar(f"verifying {kind} seals"))(done, total)
    return show


async def _verify(args: argparse.Namespace) -> int:
    heads = json.loads(args.heads.read_text(encoding="utf-8")) if args.heads else None
    findings = await verify_logs(heads, _per_kind())
    for finding in findings:
        print(finding)
    print(f"verify-log: {len(findings)} problem(s)" if findings else "verify-log: every sealed record is as sealed",
          file=sys.stderr)
    return 1 if findings else 0


async def _heads(args: argparse.Namespace) -> int:
    print(json.dumps(await log_heads(), indent=2))
    return 0
