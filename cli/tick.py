"""`xiaopu tick [--as-of T]`: apply everything due (commission locks, deadlines) once, and print what was done."""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json

from cli.output import parse_as_of
from cli.store_session import policies_in_force
from engine.fields import iso_utc
from store.db import connected, migrate
from store.settings import load_settings
from workflows.common.jobs import run_due
from workflows.common.timeline import TimeOutOfBounds, operator_time


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("tick", help="apply everything that is due (commission locks, deadlines) and exit")
    p.add_argument("--as-of", help="the time to apply, ISO 8601 with offset (default: now)")
    p.add_argument("--policies", default=str(load_settings().policy_path),
                   help="policy files used when the database has no published version (default: XIAOPU_POLICY_PATH "
                   "or the repository)")
    p.set_defaults(handler=tick)


def tick(args: argparse.Namespace) -> int:
    try:
        as_of = parse_as_of(args.as_of)  # stored times are UTC; SQLite compares them as text
        operator_time("--as-of", as_of)
    except (ValueError, TimeOutOfBounds) as exc:
        print(f"error: --as-of {exc}")
        return 2
    done = asyncio.run(_tick(as_of, args.policies))
    print(json.dumps({"as_of": iso_utc(as_of), **done}))
    return 0


async def _tick(as_of: dt.datetime, policies: str) -> dict[str, int]:
    url = load_settings().database_url
    await migrate(url)
    async with connected(url):
        return await run_due(await policies_in_force(policies), as_of)
