"""An order's listings read in one statement of plain columns: the suppliers its lines name with their standing,
and the products the lines name with the terms a line takes from them. An order's hot path: one round trip and no
model building. Read as models (with their JSON columns, through the ORM) they had cost ~0.6-0.7 ms of the server's
CPU an order: plain orders 1,888-1,931 us against 1,201-1,335 us this way (bench/campaigns.py, 2026-12-06)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tortoise.backends.base.client import BaseDBAsyncClient

from store.suppliers import Product


@dataclass(frozen=True)
class ListingTerms:
    """What an order line takes from a listing, and whether it may be ordered: read without building models."""

    supplier_id: str
    sku: str
    category: str
    price_fen: int
    commission_rate_bp: int
    program_rate: bool
    status: str  # the product's: listed | refused | suspended


@dataclass(frozen=True)
class SupplierStanding:
    status: str
    deposit_standing: str

    @property
    def listings_visible(self) -> bool:
        return self.status == "active" and self.deposit_standing != "restricted"


async def listing_terms(pairs: Sequence[tuple[str, str]], conn: BaseDBAsyncClient | None = None
                        ) -> tuple[dict[str, SupplierStanding], dict[tuple[str, str], ListingTerms]]:
    """The suppliers named by `pairs` (supplier_id, sku) and those of their products the pairs name, in one
    statement of plain columns: an order's lines are checked against their listings for one round trip and no
    model building (an order's hot path)."""
    conn = conn or Product._meta.db
    suppliers, skus = sorted({s for s, _ in pairs}), sorted({k for _, k in pairs})
    postgres = conn.capabilities.dialect == "postgres"
    # the skus' marks come first in the text, as SQLite's `?` take their values in the order they appear
    marks = [f"${n}" if postgres else "?" for n in range(1, len(skus) + len(suppliers) + 1)]
    sql = ('SELECT s."supplier_id", s."status", s."deposit_standing", p."sku", p."category", p."price_fen", '
           'p."commission_rate_bp", p."program_rate", p."status" AS "product_status" FROM "suppliers" s '
           f'LEFT JOIN "products" p ON p."supplier_id" = s."supplier_id" AND p."sku" IN '
           f'({", ".join(marks[:len(skus)])}) WHERE s."supplier_id" IN ({", ".join(marks[len(skus):])})')
    standing: dict[str, SupplierStanding] = {}
    terms: dict[tuple[str, str], ListingTerms] = {}
    for row in await conn.execute_query_dict(sql, [*skus, *suppliers]):
        standing[row["supplier_id"]] = SupplierStanding(row["status"], row["deposit_standing"])
        if row["sku"] is not None:
            terms[(row["supplier_id"], row["sku"])] = ListingTerms(
                row["supplier_id"], row["sku"], row["category"], int(row["price_fen"]), int(row["commission_rate_bp"]),
                bool(row["program_rate"]), row["product_status"])
    return standing, terms
