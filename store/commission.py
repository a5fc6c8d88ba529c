"""The commission ledger: one line per order item, clawbacks, and monthly statements.

Line states: estimated (at payment) -> pending (receipt confirmed) -> locked (return window closed)
-> settled (in a statement); a refund before lock recomputes or cancels the line. A refund after
settlement never edits the line: it adds a clawback line (negative) that the next statement carries.
"""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

LINE_STATES = ("estimated", "pending", "locked", "settled", "cancelled")


class Statement(Model):
    id = fields.BigIntField(primary_key=True)
    seller_id = fields.CharField(max_length=64, db_index=True)
    period = fields.CharField(max_length=7)  # "2026-11"
    total_fen = fields.BigIntField()
    line_count = fields.IntField()
    policy_version = fields.CharField(max_length=80)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "statements"
        unique_together = (("seller_id", "period"),)


class CommissionLine(Model):
    id = fields.BigIntField(primary_key=True)
    line_key = fields.CharField(max_length=320, unique=True)  # "sale:<order>:<sku>" | "clawback:<event>:<sku>"
    seller_id = fields.CharField(max_length=64, db_index=True)
    order_id = fields.CharField(max_length=160, db_index=True)
    sku = fields.CharField(max_length=64)
    kind = fields.CharField(max_length=12, default="sale")  # sale | clawback
    status = fields.CharField(max_length=12, db_index=True)
    amount_fen = fields.BigIntField()
    rate_bp = fields.IntField(null=True)
    rule_ids: list[str] = fields.JSONField(default=list)
    decision_id = fields.UUIDField()
    lock_due_at = fields.DatetimeField(null=True)
    locked_at = fields.DatetimeField(null=True)
    statement: fields.ForeignKeyNullableRelation[Statement] = fields.ForeignKeyField(
        "models.Statement", related_name="lines", null=True, on_delete=fields.RESTRICT)
    reason = fields.CharField(max_length=200, default="")
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "commission_lines"
