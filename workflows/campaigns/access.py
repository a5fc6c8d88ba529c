"""Who reaches a shared list: the storefront channel that owns the list's store (and the platform's people).

A share-list id is the channel's own (workflows/common/scoped_ids.py). Lists shared before ids were scoped
keep their bare key, and their channel still reaches them by it."""

from __future__ import annotations

from store.campaigns import SharedList, share_lists_and_sharers
from store.sellers import Seller
from workflows.common.access import Caller
from workflows.common.scoped_ids import SCOPE, scoped_id
from workflows.sellers.access import owns_seller


async def share_list_key(caller: Caller, share_list_id: str) -> str:
    """The stored key of the caller's list `share_list_id`: a list it shared before ids were scoped keeps its bare
    key; any other is scoped to the caller's channel (found or not: another channel's list stays invisible)."""
    key, _ = await shared_list(caller, share_list_id)
    return key


async def shared_list(caller: Caller, share_list_id: str) -> tuple[str, SharedList | None]:
    """`share_list_key` and the list stored under it with its sharer's totals (None: no such list), the list
    under either key read at once (an order's reward is decided from it)."""
    scoped = scoped_id(caller.party or "", share_list_id)
    found = await share_lists_and_sharers([scoped] if SCOPE in share_list_id else [scoped, share_list_id])
    legacy = found.get(share_list_id)
    if SCOPE not in share_list_id and legacy is not None and not caller.platform:
        seller = await Seller.get_or_none(seller_id=legacy[0].seller_id)
        if seller is not None and owns_seller(caller, seller):
            return share_list_id, legacy
    return scoped, found.get(scoped)
