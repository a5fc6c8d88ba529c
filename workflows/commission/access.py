"""Who reaches an order and its money: whoever reaches the order's store (workflows/sellers/access.py).

An order id (and an order event id) is the storefront channel's own (workflows/common/scoped_ids.py). Orders
recorded before ids were scoped keep their bare key, and their channel still reaches them by it."""

from __future__ import annotations

from store.orders import Order, OrderEvent
from store.sellers import Seller
from workflows.common.access import Caller
from workflows.common.errors import NotFound
from workflows.common.scoped_ids import SCOPE, scoped_id
from workflows.sellers.access import owns_seller


async def owned_order(caller: Caller, key: str) -> Order | None:
    """The order stored under `key` when the caller reaches its store; None when it does not exist or is
    another party's."""
    return await _if_owned(caller, await Order.get_or_none(order_id=key))


async def _if_owned(caller: Caller, order: Order | None) -> Order | None:
    seller = await Seller.get_or_none(seller_id=order.seller_id) if order else None
    return order if seller is not None and owns_seller(caller, seller) else None


async def channel_order(caller: Caller, order_id: str) -> Order | None:
    """The storefront caller's own order by the id it chose (or one it recorded before ids were scoped)."""
    if caller.role != "storefront" or caller.party is None:
        return None
    key = scoped_id(caller.party, order_id)
    # one query for both: the scoped key, or the bare one an order recorded before ids were scoped keeps
    found = {o.order_id: o for o in await Order.filter(order_id__in=[key, order_id] if SCOPE not in order_id
                                                         else [key])}
    return await _if_owned(caller, found.get(key) or found.get(order_id))


async def order_event_key(order: Order, channel: str, event_id: str) -> str:
    """The stored key of an event the channel reports on its order: scoped, unless the order recorded it
    before ids were scoped (so that a retry of it is still a replay)."""
    legacy = await OrderEvent.exists(event_id=event_id, order_id=order.order_id)
    return event_id if legacy else scoped_id(channel, event_id)


async def reachable_order(caller: Caller, order_id: str) -> Order:
    order = await channel_order(caller, order_id)
    if order is None:
        raise NotFound(f"no order {order_id!r}", code="order_not_found")
    return order
