"""The decision log: every decision that changed state, with what is needed to reproduce it."""

from __future__ import annotations

import uuid
from typing import Any

from tortoise import fields
from tortoise.models import Model


class DecisionRecord(Model):
    """Indexed by id and by policy only: what the decision log is asked (by id; by policy, time and fired rule,
    the last through `FiredRule`). Every order writes three to nine of these rows, so an index no query reads is
    a cost on the hottest write there is (the version's and the subject's were dropped in migration 23)."""

    id = fields.UUIDField(primary_key=True, default=uuid.uuid4)
    policy_id = fields.CharField(max_length=64, db_index=True)
    policy_version = fields.CharField(max_length=80)  # `<version>+<hash12>`
    content_hash = fields.CharField(max_length=64)
    as_of = fields.DatetimeField()
    facts: Any = fields.JSONField()
    outputs: Any = fields.JSONField()
    fired: Any = fields.JSONField()  # [{id, description, outputs, checks}]
    subject = fields.CharField(max_length=240)  # e.g. "order:O1/sku:A", "seller:S1"
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "decisions"

    @property
    def rule_ids(self) -> list[str]:
        return [f["id"] for f in self.fired]


class FiredRule(Model):
    """One row per rule a recorded decision fired: the index behind decision queries and fire counts."""

    id = fields.BigIntField(primary_key=True)
    decision_id = fields.UUIDField(db_index=True)
    policy_id = fields.CharField(max_length=64)
    rule_id = fields.CharField(max_length=64)
    as_of = fields.DatetimeField()

    class Meta:
        table = "decision_rules"
        indexes = (("policy_id", "rule_id", "as_of"),)
