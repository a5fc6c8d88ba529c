"""Monthly statements: every locked line not yet settled, per seller, for a period in China time.

Settled lines never change; a line that locks after its period's statement was built goes into the
next one, and so does a clawback.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from engine.fields import format_yuan, iso_utc
from store import clock
from store.commission import CommissionLine, Statement
from store.decisions import DecisionRecord
from workflows.commission.ledger import lock_due_lines
from workflows.commission.orders import line_view
from workflows.common.errors import Conflict, InvalidInput, NotFound
from workflows.integrity.seals import NOT_SEALED, decision_standing

CHINA = dt.timezone(dt.timedelta(hours=8), "UTC+08:00")
PERIOD_RE = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def period_bounds(period: str) -> tuple[dt.datetime, dt.datetime]:
    """[start, end) of a month in China time, e.g. '2026-11', as UTC times (stored times are UTC)."""
    m = PERIOD_RE.match(period)
    if not m:
        raise InvalidInput(f"{period!r} is not a period like 2026-11", code="invalid_period",
                           errors=[{"field": "period", "message": "expected YYYY-MM"}])
    year, month = int(m.group(1)), int(m.group(2))
    if not 1970 <= year <= 9998:  # found by the API fuzz: year 0000 (or 9999) raised ValueError, a 500
        raise InvalidInput(f"{period!r} is outside the years 1970-9998", code="invalid_period",
                           errors=[{"field": "period", "message": "a year from 1970 to 9998"}])
    start = dt.datetime(year, month, 1, tzinfo=CHINA)
    end = dt.datetime(year + month // 12, month % 12 + 1, 1, tzinfo=CHINA)
    return start.astimezone(dt.UTC), end.astimezone(dt.UTC)


async def settle(period: str, policy_version: str) -> list[Statement]:
    """Build the period's statements (idempotent: a seller's statement for a period is built once)."""
    _, end = period_bounds(period)
    if end > clock.now():
        raise Conflict(f"{period} has not ended yet (it ends {iso_utc(end)}, China midnight); a period is settled "
                       "after it ends", code="period_not_ended", ends_at=iso_utc(end))
    await lock_due_lines(end)
    seller_ids = await CommissionLine.filter(status="locked", statement_id=None, locked_at__lt=end).distinct(
        ).values_list("seller_id", flat=True)
    for seller_id in sorted(set(seller_ids)):
        if await Statement.exists(seller_id=seller_id, period=period):
            continue
        try:
            async with in_transaction() as conn:
                lines = await CommissionLine.filter(seller_id=seller_id, status="locked", statement_id=None,
                                                    locked_at__lt=end).using_db(conn).select_for_update()
                statement = await Statement.create(seller_id=seller_id, period=period, line_count=len(lines),
                                                   total_fen=sum(x.amount_fen for x in lines),
                                                   policy_version=policy_version, using_db=conn)
                await CommissionLine.filter(id__in=[x.id for x in lines]).using_db(conn).update(
                    status="settled", statement_id=statement.id, reason=f"settled in statement {period}")
        except IntegrityError:
            continue  # another run built this seller's statement at the same moment
    return await Statement.filter(period=period).order_by("seller_id")


async def statement_view(seller_id: str, period: str) -> dict[str, Any]:
    period_bounds(period)
    statement = await Statement.get_or_none(seller_id=seller_id, period=period)
    if statement is None:
        raise NotFound(f"no statement for {seller_id} in {period}", code="statement_not_found")
    lines = await CommissionLine.filter(statement_id=statement.id).order_by("id")
    return {"seller_id": seller_id, "period": period, "statement_id": statement.id,
            "total": format_yuan(statement.total_fen), "line_count": statement.line_count,
            "policy_version": statement.policy_version,
            "created_at": iso_utc(statement.created_at),
            "lines": [line_view(x) for x in lines]}


async def statement_page_view(seller_id: str, period: str) -> dict[str, Any]:
    """The statement as a seller reads it on paper: each line's rules in their own words (the descriptions of
    the version that decided it), a short reference to its decision (the full id kept beside it) and where that
    decision stands in the sealed log (verified with its seal and position, not sealed yet, or altered)."""
    view = await statement_view(seller_id, period)
    ids = [line["decision_id"] for line in view["lines"] if line["decision_id"] not in (None, "None")]
    records = {str(r.id): r for r in await DecisionRecord.filter(id__in=ids)}
    standing = await decision_standing(ids)
    for line in view["lines"]:
        record = records.get(line["decision_id"])
        line["sealed"] = standing.get(line["decision_id"], NOT_SEALED)
        fired = {f["id"]: f.get("description", "") for f in record.fired} if record else {}
        line["rule_texts"] = [fired.get(rule_id) or rule_id for rule_id in line["rules"]]
        line["reference"] = line["decision_id"][:8] if record else ""
    return view
