"""`xiaopu rescreen`: who among the approved suppliers would fail the current or a candidate policy set."""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import sys
from typing import Any

from tortoise.context import TortoiseContext

from cli.output import parse_as_of, write_report
from engine import Evaluator, PolicySetInvalid, load_policy_set
from store.db import migrate, tortoise_config
from store.settings import REPO_ROOT, load_settings
from workflows.rescreening import rescreen


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("rescreen", help="re-evaluate approved suppliers under a policy set; changes nothing")
    p.add_argument("--policies", default=os.environ.get("XIAOPU_POLICY_PATH") or str(REPO_ROOT),
                   help="the policy set to screen against: the current one or a candidate folder")
    p.add_argument("--as-of", help="evaluate as of this time, ISO 8601 with offset (default: now)")
    p.add_argument("--output", help="write the JSON report here instead of standard output")
    p.set_defaults(handler=run)


def _progress(done: int, total: int) -> None:
    width = 30
    filled = width * done // max(total, 1)
    print(f"\rrescreening [{'#' * filled}{'.' * (width - filled)}] {done}/{total}", end="", file=sys.stderr,
          flush=True)
    if done == total:
        print(file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    try:
        evaluator = Evaluator(load_policy_set(args.policies))
    except PolicySetInvalid as exc:
        print(exc, file=sys.stderr)
        return 1
    report = asyncio.run(_rescreen(evaluator, parse_as_of(args.as_of)))
    write_report(report, args.output)
    print(f"{len(report['would_fail'])} of {report['suppliers_checked']} suppliers would fail under "
          f"{report['policy_version']}", file=sys.stderr)
    return 0


async def _rescreen(evaluator: Evaluator, as_of: dt.datetime) -> dict[str, Any]:
    url = load_settings().database_url
    await migrate(url)
    async with TortoiseContext() as ctx:
        await ctx.init(config=tortoise_config(url))
        return await rescreen(evaluator, as_of, _progress)
