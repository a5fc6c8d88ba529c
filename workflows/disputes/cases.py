"""The cases a party has to answer, a page at a time: a supplier's are the cases on its items, the platform's are all.
A supplier learns of a case here (the channel that opened it never tells it the id), so its 5 days to answer do
not run out on a case it could not find."""

from __future__ import annotations

from typing import Any, Literal

from engine.fields import format_yuan, iso_utc, iso_utc_or_none
from store.disputes import Dispute
from workflows.common.access import Caller
from workflows.common.paging import page_after

CaseState = Literal["open", "final", "all"]


async def cases_page(caller: Caller, state: CaseState, after: str | None, limit: int) -> dict[str, Any]:
    """The caller's cases in id order (`after`: the last id of the page before), open ones by default. A supplier key
    that names no supplier (issued before keys had parties) has none: cases on items of no supplier are nobody's."""
    if not caller.platform and not caller.party:
        return {"disputes": [], "next": None}
    query = Dispute.all() if caller.platform else Dispute.filter(supplier_id=caller.party)
    if state == "open":
        query = query.exclude(state="final")
    elif state == "final":
        query = query.filter(state="final")
    page, following = await page_after(query, "dispute_id", after, limit)
    return {"disputes": [_summary(d) for d in page], "next": following}


def _summary(d: Dispute) -> dict[str, Any]:
    """A case as its list shows it: the qualified ids (a supplier and the platform address a case by them), what is
    claimed, where it stands and who owes the next step by when."""
    return {"dispute_id": d.dispute_id, "order_id": d.order_id, "sku": d.sku, "type": d.case_type,
            "amount": format_yuan(d.amount_fen), "state": d.state, "round": d.round, "opened_at": iso_utc(d.opened_at),
            "next_deadline": {"at": iso_utc_or_none(d.deadline_at), "owed_by": d.owed_by} if d.deadline_at else None}
