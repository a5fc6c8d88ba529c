"""Who reaches a recorded decision: the platform's people always; a party only a decision about its own
object, by the decision's subject ("order:O-1/APPLE", "seller:S-1", "shelf:S-1/SKU", "application:APP-1",
"product:SUP-1/SKU", "supplier:SUP-1", "dispute:D-1", "campaign_reward:O-1", "refund:O-1/APPLE" (a line recomputed
after a refund names it), "merchant:S-1/round:R-1" (a store's badge)). Any other subject is the platform's; to a
party every decision it may not reach does not exist.

The object's id is the whole of it up to the first "/": an id may hold ":" ("O:1"), and read only up to it the subject
named another object (the store "S" for "seller:S:1")."""

from __future__ import annotations

import re

from store.disputes import Dispute
from store.sellers import Seller
from store.suppliers import SupplierApplication
from workflows.commission.access import owned_order
from workflows.common.access import Caller
from workflows.sellers.access import owns_seller

SUBJECT = re.compile(r"^(?P<kind>[a-z_]+):(?P<id>[^/]+)")


async def may_read_decision(caller: Caller, subject: str) -> bool:
    if caller.platform:
        return True
    match = SUBJECT.match(subject)
    if match is None:
        return False
    kind, object_id = match["kind"], match["id"]
    if kind in ("order", "campaign_reward", "refund"):
        return await owned_order(caller, object_id) is not None
    if kind in ("seller", "shelf", "merchant"):
        seller = await Seller.get_or_none(seller_id=object_id)
        return seller is not None and owns_seller(caller, seller)
    if kind in ("product", "supplier"):
        return caller.speaks_for("supplier", object_id)
    if kind == "application":
        application = await SupplierApplication.get_or_none(application_id=object_id)
        return application is not None and caller.speaks_for("supplier", f"SUP-{application.uscc}")
    if kind == "dispute":
        dispute = await Dispute.get_or_none(dispute_id=object_id)
        return dispute is not None and (caller.speaks_for("supplier", dispute.supplier_id)
                                        or await owned_order(caller, dispute.order_id) is not None)
    return False
