"""Who reaches a shared list: the storefront channel that owns the list's store (and the platform's people).

A share-list id is the channel's own (workflows/common/scoped_ids.py). Lists shared before ids were scoped
keep their bare key, and their channel still reaches them by it."""

from __future__ import annotations

from collections.abc import Sequence

from store.campaigns import SharedList, share_lists_and_sharers
from store.sellers import Seller
from workflows.common.access import Caller
from workflows.common.scoped_ids import SCOPE, scoped_id
from workflows.sellers.access import known_seller, owns_seller


async def share_list_key(caller: Caller, share_list_id: str) -> str:
    """The stored key of the caller's list `share_list_id`: a list it shared before ids were scoped keeps its bare
    key; any other is scoped to the caller's channel (found or not: another channel's list stays invisible)."""
    key, _ = await shared_list(caller, share_list_id)
    return key


def share_list_keys(caller: Caller, share_list_id: str) -> list[str]:
    """The keys the caller's list `share_list_id` may be stored under: scoped to its channel first, then (an id
    that is not scoped) the bare key of a list shared before ids were scoped."""
    scoped = scoped_id(caller.party or "", share_list_id)
    return [scoped] if SCOPE in share_list_id else [scoped, share_list_id]


async def shared_list(caller: Caller, share_list_id: str, found: dict[str, SharedList] | None = None,
                      sellers: Sequence[Seller] = ()) -> tuple[str, SharedList | None]:
    """`share_list_key` and the list stored under it with its sharer's totals (None: no such list), the list
    under either key read at once (an order's reward is decided from it). `found`: what was read under
    `share_list_keys` already; `sellers`: stores already read, which a legacy list's owner is looked for in."""
    keys = share_list_keys(caller, share_list_id)
    if found is None:
        found = await share_lists_and_sharers(keys)
    legacy = found.get(share_list_id)
    if SCOPE not in share_list_id and legacy is not None and not caller.platform:
        seller = await known_seller(legacy[0].seller_id, sellers)
        if seller is not None and owns_seller(caller, seller):
            return share_list_id, legacy
    return keys[0], found.get(keys[0])
