"""Terms from their source of record: a line naming a supplier is a listed product of that supplier, and its
category, price and supplier commission are the listing's, never the caller's (a listing that names no rate of its
own earns the program's rate for its category). Every line of an order names its supplier: money moves only on goods
a supplier listed. A quote writes nothing, so its lines may leave the supplier out and ask what the program's table
would pay."""

from __future__ import annotations

import dataclasses

from workflows.commission.line_commission import LineInput
from workflows.common.errors import InvalidInput
from workflows.suppliers.listings import listed_products, require_listed_terms


async def with_listed_terms(lines: list[LineInput], *, on_order: bool) -> list[LineInput]:
    """Each line with the listing's terms; 422 naming the field when the caller sent other terms (or, on an order,
    any commission at all: what a supplier pays is on its listing, or no supplier: `supplier_required`). 409 when
    the product is not listed."""
    for index, line in enumerate(lines):
        field = f"items.{index}"
        sent_commission = line.supplier_rate_bp is not None or line.supplier_amount_fen is not None
        if sent_commission and (on_order or line.supplier_id):
            raise InvalidInput("the supplier commission comes from the product's listing; do not send it"
                               + ("" if line.supplier_id else " on an order"), code="commission_from_listing",
                               errors=[{"field": f"{field}.commission", "message": "not accepted: from the listing"}])
        if line.supplier_id is None and on_order:
            raise InvalidInput("every order line names the supplier of a listed product; its category and price are "
                               "the listing's", code="supplier_required",
                               errors=[{"field": f"{field}.supplier_id", "message": "required on an order"}])
    # the listings of every line naming a supplier, read at once
    named = [(index, line) for index, line in enumerate(lines) if line.supplier_id is not None]
    products = await listed_products([(str(line.supplier_id), line.sku) for _, line in named]) if named else []
    out = list(lines)
    for (index, line), product in zip(named, products, strict=True):
        require_listed_terms(product, line.category, line.price_fen, f"items.{index}.")
        # a listing without a rate of its own earns the program's rate for its category
        rate = None if product.program_rate else product.commission_rate_bp
        out[index] = dataclasses.replace(line, supplier_rate_bp=rate, supplier_amount_fen=None)
    return out
