"""Supplier applications, their append-only review trail, and the suppliers approved from them."""

from __future__ import annotations

from typing import Any

from tortoise import fields
from tortoise.models import Model

APPLICATION_STATES = ("pending_review", "approved", "rejected")


class SupplierApplication(Model):
    application_id = fields.CharField(max_length=160, primary_key=True)  # "<the supplier's id>@<supplier>"
    legal_name = fields.CharField(max_length=200)
    uscc = fields.CharField(max_length=32, db_index=True)
    entity_kind = fields.CharField(max_length=24)
    body: Any = fields.JSONField()
    body_hash = fields.CharField(max_length=64)
    status = fields.CharField(max_length=16, default="pending_review", db_index=True)
    recommendation = fields.CharField(max_length=16)
    report: Any = fields.JSONField()  # the requirements as evaluated: id, title, passed, rule, evidence, message
    decision_id = fields.UUIDField()
    policy_version = fields.CharField(max_length=80)
    submitted_at = fields.DatetimeField()
    decided_at = fields.DatetimeField(null=True)

    class Meta:
        table = "supplier_applications"


class ReviewEvent(Model):
    """Append-only: rows are only ever created (who, when, what, under which policy version)."""

    id = fields.BigIntField(primary_key=True)
    application_id = fields.CharField(max_length=160, db_index=True)
    actor = fields.CharField(max_length=64)  # the API key id
    actor_role = fields.CharField(max_length=16)
    action = fields.CharField(max_length=24)  # submitted | approved | rejected
    reason = fields.TextField(default="")
    overrides: Any = fields.JSONField(default=list)  # [{requirement_id, justification}]
    policy_version = fields.CharField(max_length=80)
    at = fields.DatetimeField()

    class Meta:
        table = "review_events"


class Supplier(Model):
    supplier_id = fields.CharField(max_length=64, primary_key=True)
    legal_name = fields.CharField(max_length=200)
    uscc = fields.CharField(max_length=32, unique=True)
    entity_kind = fields.CharField(max_length=24)
    categories: Any = fields.JSONField()
    status = fields.CharField(max_length=16, default="active")  # active | exited
    application_id = fields.CharField(max_length=160)
    approved_at = fields.DatetimeField()
    deposit_standing = fields.CharField(max_length=16, default="good")  # good | underfunded | restricted
    underfunded_since = fields.DatetimeField(null=True)
    standing_decision_id = fields.UUIDField(null=True)

    @property
    def listings_visible(self) -> bool:
        return self.status == "active" and self.deposit_standing != "restricted"

    class Meta:
        table = "suppliers"


class Product(Model):
    """A supplier's listing; only `listed` products of an active supplier can be shelved or quoted."""

    id = fields.BigIntField(primary_key=True)
    supplier: fields.ForeignKeyRelation[Supplier] = fields.ForeignKeyField(
        "models.Supplier", related_name="products", on_delete=fields.CASCADE)
    sku = fields.CharField(max_length=64)
    category = fields.CharField(max_length=64)
    price_fen = fields.BigIntField()
    commission_rate_bp = fields.IntField()  # the supplier's rate; the program's as last judged when `program_rate`
    # the listing names no rate of its own: its lines earn the program's rate for its category when they are decided
    program_rate = fields.BooleanField(default=False)
    status = fields.CharField(max_length=12)  # listed | refused | suspended
    failed_rules: Any = fields.JSONField(default=list)
    decision_id = fields.UUIDField()
    references: Any = fields.JSONField(default=dict)  # latest parity snapshots: {kind: {value, source, observed_at}}
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "products"
        unique_together = (("supplier", "sku"),)


class DepositMovement(Model):
    """Append-only deposit ledger; the balance is the sum of the movements."""

    movement_id = fields.CharField(max_length=320, primary_key=True)  # caller ids, or "recovery:<step key>"
    supplier_id = fields.CharField(max_length=64, db_index=True)
    kind = fields.CharField(max_length=12)  # payment | deduction | release | return
    amount_fen = fields.BigIntField()  # signed: deductions and releases are negative
    reason = fields.CharField(max_length=200)
    body_hash = fields.CharField(max_length=64)
    decision_id = fields.UUIDField(null=True)  # the deposit_standing decision taken after the movement
    at = fields.DatetimeField()
    recorded_at = fields.DatetimeField(auto_now_add=True, null=True)  # when it was written (seals run on it)

    class Meta:
        table = "deposit_movements"

