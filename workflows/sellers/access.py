"""Who reaches a store: the storefront channel that opened it, the shopkeeper's own seller key, and the
platform's people; to anyone else it does not exist."""

from __future__ import annotations

from collections.abc import Sequence

from store.sellers import Seller
from workflows.common.access import Caller
from workflows.common.errors import NotFound


def owns_seller(caller: Caller, seller: Seller) -> bool:
    return caller.platform or caller.speaks_for("storefront", seller.channel) or caller.speaks_for(
        "seller", seller.seller_id)


async def reachable_seller(caller: Caller, seller_id: str) -> Seller:
    return reached_seller(caller, seller_id, await Seller.get_or_none(seller_id=seller_id))


async def known_seller(seller_id: str, known: Sequence[Seller]) -> Seller | None:
    """The store `seller_id`: one of `known` (stores already read) when it is there, else read."""
    return next((s for s in known if s.seller_id == seller_id), None) or await Seller.get_or_none(seller_id=seller_id)


def reached_seller(caller: Caller, seller_id: str, seller: Seller | None) -> Seller:
    """`seller`, the store stored under `seller_id` as read (None: there is none), if the caller reaches it."""
    if seller is None or not owns_seller(caller, seller):
        raise NotFound(f"no seller {seller_id!r}", code="seller_not_found")
    return seller
