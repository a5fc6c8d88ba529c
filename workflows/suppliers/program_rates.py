"""Listings that name no rate of their own, judged again when the program's rate changes.

Such a listing's lines earn the program's rate for its category (rules/commission.yaml) as in force when each
order is decided, and parity ("commission >= the taoke market's") judges that rate. When the policy team changes
the rate, the tick (workflows/common/jobs.py) judges every such listing again at the rate now in force: a rate
lowered below the taoke market's suspends the listing, as a new snapshot showing the breach would; a rate raised
back above it lists it again. Each listing whose rate changed gets its parity decision recorded.

A process scans the listings once per version of the commission policy in force (the first beat after start-up and
after each change), not on every beat: between changes, every listing made or re-judged was judged at the rate in
force. A listing another process is judging is row-locked and skipped here (that process judges it)."""

from __future__ import annotations

import datetime as dt
import weakref

from tortoise.transactions import in_transaction

from engine import PolicyEvaluator
from store.suppliers import Product
from workflows.suppliers.listings import judge_listing, program_rate_bp

JUDGED = ("listed", "suspended")  # a refused listing was never listed: only a new listing of it is judged
# per evaluator (one per served app): the content hash of the commission policy the listings were last judged under
_judged_under: weakref.WeakKeyDictionary[PolicyEvaluator, str] = weakref.WeakKeyDictionary()


async def judge_program_rate_listings(evaluator: PolicyEvaluator, as_of: dt.datetime) -> int:
    """Judge again, at `as_of`, each listing naming no rate whose program rate is no longer the one it was judged
    at; the number judged."""
    version = evaluator.judging("commission", {}, as_of).policy_set.content_hash
    if _judged_under.get(evaluator) == version:
        return 0
    rows = await Product.filter(program_rate=True, status__in=JUDGED).values_list(
        "id", "category", "price_fen", "commission_rate_bp")
    rates: dict[tuple[str, int], int] = {}
    judged = 0
    for product_id, category, price_fen, judged_at_bp in rows:
        key = (category, price_fen)
        if key not in rates:
            rates[key] = program_rate_bp(evaluator, category, price_fen, as_of)
        if rates[key] != judged_at_bp:
            judged += await _judge(evaluator, product_id, as_of)
    _judged_under[evaluator] = version
    return judged


async def _judge(evaluator: PolicyEvaluator, product_id: int, as_of: dt.datetime) -> bool:
    async with in_transaction() as conn:
        product = await Product.filter(id=product_id).using_db(conn).select_for_update(skip_locked=True).first()
        if product is None or not product.program_rate or product.status not in JUDGED:
            return False
        await judge_listing(evaluator, product, as_of, conn)
        await product.save(using_db=conn)
        return True
