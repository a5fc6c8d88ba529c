"""Maker badges: a judging round per merchant, one score per judge, and the awards the rules decide."""

from __future__ import annotations

import uuid
from typing import Any

from tortoise import fields
from tortoise.models import Model


class BadgeRound(Model):
    """A panel's judging of one merchant (a store), opened under the caller's own round id."""

    round_id = fields.CharField(max_length=64, primary_key=True)
    merchant_id = fields.CharField(max_length=64, db_index=True)
    opened_at = fields.DatetimeField()
    opened_by = fields.CharField(max_length=64)  # the reviewer key that opened it
    status = fields.CharField(max_length=16, default="open")  # open, awarded
    body_hash = fields.CharField(max_length=64)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "badge_rounds"


class PanelScore(Model):
    """One judge's overall score (0-100) in one round; the judge is the reviewer key that entered it."""

    id = fields.BigIntField(primary_key=True)
    round_id = fields.CharField(max_length=64, db_index=True)
    judge_key = fields.CharField(max_length=64)
    judge_name = fields.CharField(max_length=128, null=True)
    score = fields.IntField()
    comment = fields.TextField(null=True)
    body_hash = fields.CharField(max_length=64)
    entered_at = fields.DatetimeField()

    class Meta:
        table = "badge_panel_scores"
        unique_together = (("round_id", "judge_key"),)


class BadgeAward(Model):
    """The rules' answer for a round: the badge, its validity period and the decision behind it.

    A later award for the same merchant supersedes this one from its own `valid_from` on.
    """

    award_id = fields.UUIDField(primary_key=True, default=uuid.uuid4)
    round_id = fields.CharField(max_length=64, unique=True)
    merchant_id = fields.CharField(max_length=64)
    badge = fields.CharField(max_length=16)
    good_find = fields.BooleanField()
    validity_days = fields.IntField()
    valid_from = fields.DatetimeField()
    valid_until = fields.DatetimeField(db_index=True)
    superseded_at = fields.DatetimeField(null=True)
    superseded_by = fields.CharField(max_length=64, null=True)  # the round whose award took over
    decision_id = fields.UUIDField()
    policy_version = fields.CharField(max_length=80)
    rule_ids: Any = fields.JSONField()
    facts: Any = fields.JSONField()  # the policy inputs as decided
    evidence: Any = fields.JSONField()  # where each input came from (scores, orders, disputes)
    explanation: Any = fields.JSONField()  # every rule: its words, checks, and whether it fired
    awarded_by = fields.CharField(max_length=64)
    body_hash = fields.CharField(max_length=64)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "badge_awards"
        unique_together = (("merchant_id", "valid_from"),)
