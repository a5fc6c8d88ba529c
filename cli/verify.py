"""`xiaopu verify-decisions [--from T] [--to T] [--policy P]`: re-evaluate stored decisions under the version
that made them and say whether each comes out the same; exit 1 when any does not."""

from __future__ import annotations

import argparse
import json
import sys

from cli.output import parse_as_of, progress_bar
from cli.store_session import run_in_store
from workflows.policies.replay import verify_decisions


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("verify-decisions", help="replay stored decisions under their policy version; exit 1 on any "
                       "difference")
    p.add_argument("--from", dest="since", help="decisions recorded from this time (ISO 8601 with offset)")
    p.add_argument("--to", dest="until", help="... up to this time (exclusive)")
    p.add_argument("--policy", help="only this policy's decisions")
    p.add_argument("--json", action="store_true", help="print the whole report as JSON")
    p.set_defaults(handler=lambda args: run_in_store("verify-decisions", _verify, args))


async def _verify(args: argparse.Namespace) -> int:
    try:
        since = parse_as_of(args.since) if args.since else None
        until = parse_as_of(args.until) if args.until else None
    except ValueError as exc:
        print(f"verify-decisions: {exc}", file=sys.stderr)
        return 2
    report = await verify_decisions(since, until, args.policy, progress_bar("replaying"))
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        print(f"{report['checked']:,} decisions replayed: {report['identical']:,} identical, "
              f"{report['mismatched']:,} different")
        for policy, count in report["per_policy"].items():
            print(f"  {policy}: {count:,}")
        for m in report["mismatches"]:
            print(f"DIFFERENT {m['decision_id']} ({m['policy']} {m['policy_version']}, as of {m['as_of']}):")
            for line in m["differences"]:
                print(f"  {line}")
    return 1 if report["mismatched"] else 0
