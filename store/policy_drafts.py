"""Policy drafts: a policy team's work in progress on a policy set, kept in the database.

A draft starts from a stored version (the one in force, or any other), carries the texts of its files as the
author edits them (valid or not: work is never lost), and ends as a four-eyes proposal, which it records with
the diff and the impact the approver reads. Only its author edits it; anyone of the policy team reads it.
"""

from __future__ import annotations

from typing import Any

from tortoise import fields
from tortoise.models import Model


class PolicyDraft(Model):
    id = fields.BigIntField(primary_key=True)
    draft_id = fields.CharField(max_length=64, unique=True)  # the caller's id: a replay of its start changes nothing
    body_hash = fields.CharField(max_length=64)  # of the request that started it
    name = fields.CharField(max_length=200)
    author = fields.CharField(max_length=120)  # the person, as pages name them
    author_judge = fields.CharField(max_length=64)  # one identity per person, whatever keys the person holds
    base_version = fields.CharField(max_length=80)  # the label of the version it started from
    files: Any = fields.JSONField()  # {relative path: text}
    checked: Any = fields.JSONField()  # the check of these files (workflows/policies/draft_check.py)
    created_at = fields.DatetimeField()
    updated_at = fields.DatetimeField()
    proposal_id = fields.CharField(max_length=64, null=True)  # once proposed; the draft no longer changes
    proposed_diff: Any = fields.JSONField(null=True)  # the changes in business words, as proposed
    proposed_impact: Any = fields.JSONField(null=True)  # the simulation over stored history, as proposed

    class Meta:
        table = "policy_drafts"
