"""`xiaopu rescreen`: who among the approved suppliers would fail the current or a candidate policy set."""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import sys
from typing import Any

from cli.output import parse_as_of, progress_bar, write_report
from cli.store_session import policies_in_force
from engine import Evaluator, PolicySetInvalid, load_policy_set
from store.db import connected, migrate
from store.settings import load_settings
from workflows.suppliers.rescreening import rescreen


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("rescreen", help="re-evaluate approved suppliers under a policy set; changes nothing")
    p.add_argument("--policies", help="a candidate policy folder to screen against (default: the version in "
                   "force, from the database)")
    p.add_argument("--as-of", help="evaluate as of this time, ISO 8601 with offset (default: now)")
    p.add_argument("--output", help="write the JSON report here instead of standard output")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    try:
        candidate = Evaluator(load_policy_set(args.policies)) if args.policies else None
    except PolicySetInvalid as exc:
        print(exc, file=sys.stderr)
        return 1
    report = asyncio.run(_rescreen(candidate, parse_as_of(args.as_of)))
    write_report(report, args.output)
    print(f"{len(report['would_fail'])} of {report['suppliers_checked']} suppliers would fail under "
          f"{report['policy_version']}", file=sys.stderr)
    return 0


async def _rescreen(candidate: Evaluator | None, as_of: dt.datetime) -> dict[str, Any]:
    settings = load_settings()
    url = settings.database_url
    await migrate(url)
    async with connected(url):
        files = str(settings.policy_path)
        evaluator = candidate or (await policies_in_force(files)).at(as_of)
        return await rescreen(evaluator, as_of, progress_bar("rescreening"))
