"""Work that falls due with time: run by `xiaopu tick` and by the server's background loop.

Deadlines are rows with due times, never engine timers; a deadline that passed while nothing was
running is applied on the next run, exactly once (each step is a conditional UPDATE or runs under the row's
lock). Any number of processes may run it at once on one PostgreSQL database (uvicorn workers, several
servers, `xiaopu tick`): a row another run holds is skipped, not waited for, and not applied twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging

from engine import PolicyEvaluator
from store import clock
from store.page_sessions import purge_sessions
from workflows.commission.ledger import lock_due_lines
from workflows.disputes.lifecycle import apply_due_deadlines
from workflows.integrity.seals import seal_logs
from workflows.suppliers.deposits import restrict_lapsed
from workflows.suppliers.program_rates import judge_program_rate_listings

log = logging.getLogger("xiaopu.jobs")


async def run_due(evaluator: PolicyEvaluator, as_of: dt.datetime) -> dict[str, int]:
    """Apply everything due at `as_of`; returns what was done."""
    return {"locked_lines": await lock_due_lines(as_of),
            "dispute_deadlines": await apply_due_deadlines(evaluator, as_of),
            "restricted_suppliers": await restrict_lapsed(evaluator, as_of),
            "judged_listings": await judge_program_rate_listings(evaluator, as_of)}


async def tick_forever(evaluator: PolicyEvaluator, interval_seconds: float, stop: asyncio.Event) -> None:
    """The server's periodic job: what is due, then the seals over what was written (on the wall clock: seals
    run on write times); errors are logged and retried on the next beat."""
    while not stop.is_set():
        try:
            done = await run_due(evaluator, clock.now())
            wall = dt.datetime.now(dt.UTC)
            done |= {f"sealed_{kind}": n for kind, n in (await seal_logs(wall)).items()}
            done["purged_page_sessions"] = await purge_sessions(wall)
            if any(done.values()):
                log.info("tick", extra={"done": done})
        except Exception:  # noqa: BLE001 - a failed beat must not kill the server; it is retried
            log.exception("tick failed")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=interval_seconds)
