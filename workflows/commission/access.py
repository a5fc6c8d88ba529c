"""Who reaches an order and its money: whoever reaches the order's store (workflows/sellers/access.py)."""

from __future__ import annotations

from store.orders import Order
from store.sellers import Seller
from workflows.common.access import Caller
from workflows.common.errors import NotFound
from workflows.sellers.access import owns_seller


async def owned_order(caller: Caller, order_id: str) -> Order | None:
    """The order when the caller reaches its store; None when it does not exist or is another party's."""
    order = await Order.get_or_none(order_id=order_id)
    seller = await Seller.get_or_none(seller_id=order.seller_id) if order else None
    return order if seller is not None and owns_seller(caller, seller) else None


async def reachable_order(caller: Caller, order_id: str) -> Order:
    order = await owned_order(caller, order_id)
    if order is None:
        raise NotFound(f"no order {order_id!r}", code="order_not_found")
    return order
