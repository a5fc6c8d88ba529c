"""Supplier applications, their append-only review trail, and the suppliers approved from them."""

from __future__ import annotations

from typing import Any

from tortoise import fields
from tortoise.models import Model

APPLICATION_STATES = ("pending_review", "approved", "rejected")


class SupplierApplication(Model):
    application_id = fields.CharField(max_length=64, primary_key=True)
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
    application_id = fields.CharField(max_length=64, db_index=True)
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
    status = fields.CharField(max_length=16, default="active")
    application_id = fields.CharField(max_length=64)
    approved_at = fields.DatetimeField()

    class Meta:
        table = "suppliers"
