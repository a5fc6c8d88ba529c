"""Who reaches a dispute: the buyer's side is the storefront channel that owns the order, the supplier's side
the supplier of the item, the platform's side a reviewer; to anyone else the case does not exist. Each side
acts only as itself (the lifecycle checks the actor against the role)."""

from __future__ import annotations

from store.disputes import Dispute
from workflows.commission.access import owned_order
from workflows.common.access import Caller
from workflows.common.errors import NotFound


async def reachable_dispute(caller: Caller, dispute_id: str) -> Dispute:
    dispute = await Dispute.get_or_none(dispute_id=dispute_id)
    if dispute is not None and await _on_a_side(caller, dispute):
        return dispute
    raise NotFound(f"no dispute {dispute_id!r}", code="dispute_not_found")


async def _on_a_side(caller: Caller, dispute: Dispute) -> bool:
    if caller.platform or caller.speaks_for("supplier", dispute.supplier_id):
        return True
    return caller.role == "storefront" and await owned_order(caller, dispute.order_id) is not None
