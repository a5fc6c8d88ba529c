"""Request bodies of stores and shelves."""

from __future__ import annotations

from api.common.schemas import Category, Id, Strict, Yuan


class SellerCreate(Strict):
    seller_id: Id


class ShelfPut(Strict):
    supplier_id: Id | None = None
    category: Category
    price: Yuan
