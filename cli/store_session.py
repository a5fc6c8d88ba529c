"""Commands that work on the database: migrate it, open the ORM, run, and report store errors in one line."""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Awaitable, Callable

from engine import Evaluator, load_policy_set
from store.db import connected, migrate
from store.errors import StoreBusy, StoreUnavailable
from store.settings import SettingsError, load_settings
from workflows.policies.registry import PolicyRegistry

StoreAction = Callable[[argparse.Namespace], Awaitable[int]]


def run_in_store(prog: str, action: StoreAction, args: argparse.Namespace) -> int:
    """Migrate the database named by XIAOPU_DATABASE_URL, then run `action(args)` with the ORM set up."""
    async def in_store() -> int:
        url = load_settings().database_url
        await migrate(url)
        async with connected(url):
            return await action(args)

    try:
        return asyncio.run(in_store())
    except (SettingsError, StoreUnavailable, StoreBusy) as exc:
        print(f"{prog}: {exc}", file=sys.stderr)
        return 1


async def policies_in_force(files_path: str) -> PolicyRegistry:
    """The published versions, each answering at its own times (the files at `files_path` when none is)."""
    registry = PolicyRegistry(Evaluator(load_policy_set(files_path)))
    await registry.refresh()
    return registry
