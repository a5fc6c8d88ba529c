"""Who reaches an order and its money: whoever reaches the order's store (workflows/sellers/access.py).

An order id (and an order event id) is the storefront channel's own (workflows/common/scoped_ids.py). Orders
recorded before ids were scoped keep their bare key, and their channel still reaches them by it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from store.campaigns import SharedList
from store.order_reads import order_rows
from store.orders import Order, OrderEvent
from store.sellers import Seller
from workflows.campaigns.access import share_list_keys, shared_list
from workflows.common.access import Caller
from workflows.common.errors import NotFound
from workflows.common.scoped_ids import SCOPE, scoped_id
from workflows.sellers.access import known_seller, owns_seller, reached_seller


async def owned_order(caller: Caller, key: str) -> Order | None:
    """The order stored under `key` when the caller reaches its store; None when it does not exist or is
    another party's."""
    return await _if_owned(caller, await Order.get_or_none(order_id=key))


async def _if_owned(caller: Caller, order: Order | None, sellers: Sequence[Seller] = ()) -> Order | None:
    """`order` when the caller reaches its store (looked for in `sellers`, stores already read, first)."""
    if order is None:
        return None
    seller = await known_seller(order.seller_id, sellers)
    return order if seller is not None and owns_seller(caller, seller) else None


def channel_order_keys(caller: Caller, order_id: str) -> list[str]:
    """The keys the storefront caller's order `order_id` may be stored under: scoped to its channel first, then
    (an id that is not scoped) the bare key an order recorded before ids were scoped keeps; none for any other
    caller."""
    if caller.role != "storefront" or caller.party is None:
        return []
    key = scoped_id(caller.party, order_id)
    return [key, order_id] if SCOPE not in order_id else [key]


async def channel_order(caller: Caller, order_id: str, found: dict[str, Order] | None = None,
                        sellers: Sequence[Seller] = ()) -> Order | None:
    """The storefront caller's own order by the id it chose (or one it recorded before ids were scoped).
    `found`: the orders read under `channel_order_keys` already; `sellers`: stores already read."""
    keys = channel_order_keys(caller, order_id)
    if not keys:
        return None
    if found is None:  # one query for both keys
        found = {o.order_id: o for o in await Order.filter(order_id__in=keys)}
    return await _if_owned(caller, found.get(keys[0]) or found.get(order_id), sellers)


@dataclass(frozen=True)
class OrderReport:
    """What a storefront's report of an order is checked and decided against, as the caller reaches it."""

    seller: Seller  # the order's store
    recorded: Order | None  # the order the channel recorded under this id (None: a new order)
    share_list_key: str | None  # the stored key of the list the order came through (None: not attributed)
    shared: SharedList | None  # that list with its sharer's totals (None: no such list, or not attributed)


async def order_report(caller: Caller, seller_id: str, order_id: str, share_list_id: str | None) -> OrderReport:
    """The store, the order already recorded under `order_id` and the share list, read in one statement
    (store/order_reads.py) and checked as `reachable_seller`, `channel_order` and `shared_list` check them: a
    store the caller does not reach is not found."""
    order_keys = channel_order_keys(caller, order_id)
    list_keys = share_list_keys(caller, share_list_id) if share_list_id is not None else []
    rows = await order_rows(seller_id, order_keys, list_keys)
    seller = reached_seller(caller, seller_id, rows.seller)
    recorded = await channel_order(caller, order_id, rows.orders, [seller])
    if share_list_id is None:
        return OrderReport(seller, recorded, None, None)
    key, shared = await shared_list(caller, share_list_id, rows.lists, [seller])
    return OrderReport(seller, recorded, key, shared)


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
