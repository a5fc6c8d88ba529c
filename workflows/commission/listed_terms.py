"""Terms from their source of record: a line naming a supplier is a listed product of that supplier, and its
category, price and supplier commission are the listing's, never the caller's (a listing that names no rate of its
own earns the program's rate for its category)."""

from __future__ import annotations

import dataclasses

from workflows.commission.line_commission import LineInput
from workflows.common.errors import InvalidInput
from workflows.suppliers.listings import listed_product, require_listed_terms


async def with_listed_terms(lines: list[LineInput], *, on_order: bool) -> list[LineInput]:
    """Each line with the listing's terms; 422 naming the field when the caller sent other terms (or, on an order,
    any commission at all: what a supplier pays is on its listing). 409 when the product is not listed."""
    out = []
    for index, line in enumerate(lines):
        field = f"items.{index}"
        sent_commission = line.supplier_rate_bp is not None or line.supplier_amount_fen is not None
        if sent_commission and (on_order or line.supplier_id):
            raise InvalidInput("the supplier commission comes from the product's listing; do not send it"
                               + ("" if line.supplier_id else " on an order"), code="commission_from_listing",
                               errors=[{"field": f"{field}.commission", "message": "not accepted: from the listing"}])
        if line.supplier_id is None:
            out.append(line)
            continue
        product = await listed_product(line.supplier_id, line.sku)
        require_listed_terms(product, line.category, line.price_fen, f"{field}.")
        # a listing without a rate of its own earns the program's rate for its category
        rate = None if product.program_rate else product.commission_rate_bp
        out.append(dataclasses.replace(line, supplier_rate_bp=rate, supplier_amount_fen=None))
    return out
