"""After-sales disputes: the case, its current state and deadline, and every step taken."""

from __future__ import annotations

from typing import Any

from tortoise import fields
from tortoise.models import Model


class Dispute(Model):
    dispute_id = fields.CharField(max_length=160, primary_key=True)  # "<the channel's id>@<channel>"
    order_id = fields.CharField(max_length=160, db_index=True)
    sku = fields.CharField(max_length=64)
    supplier_id = fields.CharField(max_length=64, null=True, db_index=True)
    case_type = fields.CharField(max_length=24)
    amount_fen = fields.BigIntField()
    state = fields.CharField(max_length=24, db_index=True)
    round = fields.IntField(default=1)  # evidence is submitted once per party per round
    deadline_at = fields.DatetimeField(null=True, db_index=True)
    owed_by = fields.CharField(max_length=16, default="none")
    body_hash = fields.CharField(max_length=64)
    opened_at = fields.DatetimeField()

    class Meta:
        table = "disputes"


class DisputeStep(Model):
    """Append-only history: one row per event applied, with the decision that allowed it."""

    event_id = fields.CharField(max_length=256, primary_key=True)  # "<the caller's id>@<dispute key>"
    dispute_id = fields.CharField(max_length=160, db_index=True)
    event = fields.CharField(max_length=32)
    actor = fields.CharField(max_length=16)
    actor_key = fields.CharField(max_length=64, default="")
    at = fields.DatetimeField()
    from_state = fields.CharField(max_length=24)
    to_state = fields.CharField(max_length=24)
    round = fields.IntField()
    evidence: Any = fields.JSONField(null=True)
    reason = fields.TextField(null=True)  # the written reason of an arbitration decision
    effects: Any = fields.JSONField(default=dict)
    decision_id = fields.UUIDField()
    body_hash = fields.CharField(max_length=64)
    recorded_at = fields.DatetimeField(auto_now_add=True, null=True)  # when it was written (seals run on it)

    class Meta:
        table = "dispute_steps"
