"""Orders as storefronts report them, and the events that move them on."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class Order(Model):
    order_id = fields.CharField(max_length=160, primary_key=True)  # "<the channel's id>@<channel>"
    seller_id = fields.CharField(max_length=64, db_index=True)
    buyer_id = fields.CharField(max_length=64)
    paid_at = fields.DatetimeField()
    body_hash = fields.CharField(max_length=64)  # the PUT body, to tell a replay from a conflict
    status = fields.CharField(max_length=24, default="paid")  # paid, shipped, receipt_confirmed, closed
    shipped_at = fields.DatetimeField(null=True)
    receipt_confirmed_at = fields.DatetimeField(null=True)
    qualifying = fields.BooleanField(default=False)  # counted towards the seller's tier progress
    qualifying_decision_id = fields.UUIDField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "orders"


class OrderItem(Model):
    id = fields.BigIntField(primary_key=True)
    order: fields.ForeignKeyRelation[Order] = fields.ForeignKeyField(
        "models.Order", related_name="items", on_delete=fields.CASCADE)
    sku = fields.CharField(max_length=64)
    category = fields.CharField(max_length=64)
    price_fen = fields.BigIntField()
    quantity = fields.IntField()
    supplier_id = fields.CharField(max_length=64, null=True)
    supplier_rate_bp = fields.IntField(null=True)
    supplier_amount_fen = fields.BigIntField(null=True)
    refunded_fen = fields.BigIntField(default=0)

    class Meta:
        table = "order_items"
        unique_together = (("order", "sku"),)

    @property
    def amount_fen(self) -> int:
        return int(self.price_fen) * int(self.quantity)


class OrderEvent(Model):
    event_id = fields.CharField(max_length=160, primary_key=True)  # "<the channel's id>@<channel>"
    order: fields.ForeignKeyRelation[Order] = fields.ForeignKeyField(
        "models.Order", related_name="events", on_delete=fields.CASCADE)
    type = fields.CharField(max_length=24)
    at = fields.DatetimeField()
    amount_fen = fields.BigIntField(null=True)
    sku = fields.CharField(max_length=64, null=True)
    body_hash = fields.CharField(max_length=64)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "order_events"
