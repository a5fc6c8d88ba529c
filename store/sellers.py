"""Shopkeepers, their shelves and their tier history."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from store.api_keys import DEFAULT_CHANNEL


class Seller(Model):
    seller_id = fields.CharField(max_length=64, primary_key=True)
    # The storefront channel that opened the store: its keys alone reach the store, its orders and its money.
    channel = fields.CharField(max_length=64, default=DEFAULT_CHANNEL, db_index=True)
    tier = fields.CharField(max_length=16, default="trial")
    qualifying_transactions = fields.IntField(default=0)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "sellers"


class ShelfItem(Model):
    id = fields.BigIntField(primary_key=True)
    seller: fields.ForeignKeyRelation[Seller] = fields.ForeignKeyField(
        "models.Seller", related_name="shelf", on_delete=fields.CASCADE)
    sku = fields.CharField(max_length=64)
    supplier_id = fields.CharField(max_length=64, null=True)
    category = fields.CharField(max_length=64)
    price_fen = fields.BigIntField()
    decision_id = fields.UUIDField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "shelf_items"
        unique_together = (("seller", "sku"),)


class TierChange(Model):
    id = fields.BigIntField(primary_key=True)
    seller: fields.ForeignKeyRelation[Seller] = fields.ForeignKeyField(
        "models.Seller", related_name="tier_changes", on_delete=fields.CASCADE)
    from_tier = fields.CharField(max_length=16)
    to_tier = fields.CharField(max_length=16)
    decision_id = fields.UUIDField()
    at = fields.DatetimeField()

    class Meta:
        table = "tier_changes"
