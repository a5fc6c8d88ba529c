"""Who reaches a dispute: the buyer's side is the storefront channel that owns the order, the supplier's side
the supplier of the item, the platform's side a reviewer; to anyone else the case does not exist. Each side
acts only as itself (the lifecycle checks the actor against the role)."""

from __future__ import annotations

from store.disputes import Dispute
from store.orders import Order
from store.sellers import Seller
from workflows.common.access import Caller
from workflows.common.errors import NotFound
from workflows.sellers.access import owns_seller


async def reachable_dispute(caller: Caller, dispute_id: str) -> Dispute:
    dispute = await Dispute.get_or_none(dispute_id=dispute_id)
    if dispute is not None and await _on_a_side(caller, dispute):
        return dispute
    raise NotFound(f"no dispute {dispute_id!r}", code="dispute_not_found")


async def _on_a_side(caller: Caller, dispute: Dispute) -> bool:
    if caller.platform or caller.speaks_for("supplier", dispute.supplier_id):
        return True
    if caller.role != "storefront":
        return False
    order = await Order.get_or_none(order_id=dispute.order_id)
    seller = await Seller.get_or_none(seller_id=order.seller_id) if order else None
    return seller is not None and owns_seller(caller, seller)
