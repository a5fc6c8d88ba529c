"""Who reaches a dispute: the buyer's side is the storefront channel that owns the order, the supplier's side
the supplier of the item, the platform's side a reviewer; to anyone else the case does not exist. Each side
acts only as itself (the lifecycle checks the actor against the role).

A dispute id is the opening channel's own (workflows/common/scoped_ids.py): two channels may both open "D-1".
The channel addresses its case by that id; the supplier and the platform by the qualified id "D-1@<channel>"
every answer gives them. Cases opened before ids were scoped keep their bare id."""

from __future__ import annotations

from store.disputes import Dispute
from workflows.commission.access import owned_order
from workflows.common.access import Caller
from workflows.common.errors import NotFound
from workflows.common.scoped_ids import keys_named, scoped_id


def viewer_of(caller: Caller) -> str | None:
    """The party whose own ids the caller sees unqualified: a storefront's channel."""
    return caller.party if caller.role == "storefront" else None


async def reachable_dispute(caller: Caller, dispute_id: str) -> Dispute:
    """The case the caller names, when it is on one of its sides (the stored key is `dispute.dispute_id`)."""
    keys = keys_named(viewer_of(caller), dispute_id)
    found = {d.dispute_id: d for d in await Dispute.filter(dispute_id__in=keys)}
    for key in keys:
        if key in found and await _on_a_side(caller, found[key]):
            return found[key]
    raise NotFound(f"no dispute {dispute_id!r}", code="dispute_not_found")


async def new_dispute_key(caller: Caller, dispute_id: str) -> str:
    """The key of the case the storefront opens as `dispute_id`: its own scoped key, unless it opened that id
    before ids were scoped (so that a retry of it is still a replay)."""
    legacy = await Dispute.get_or_none(dispute_id=dispute_id)
    if legacy is not None and await _on_a_side(caller, legacy):
        return dispute_id
    return scoped_id(viewer_of(caller) or "", dispute_id)


async def _on_a_side(caller: Caller, dispute: Dispute) -> bool:
    if caller.platform or caller.speaks_for("supplier", dispute.supplier_id):
        return True
    return caller.role == "storefront" and await owned_order(caller, dispute.order_id) is not None
