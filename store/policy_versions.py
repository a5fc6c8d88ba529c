"""Published policy versions, the activation timeline that says which one is in force when, and shadow runs.

A version is the exact text of a policy set (manifest and rule files) with its content hash, author and
message; it never changes. Activations are append-only: each says "from `effective_from` on, this version
is in force". The version in force at a time is the one of the latest activation whose `effective_from`
is not after it. A rollback is one more activation.
"""

from __future__ import annotations

from typing import Any

from tortoise import fields
from tortoise.models import Model


class PolicyVersion(Model):
    id = fields.BigIntField(primary_key=True)
    content_hash = fields.CharField(max_length=64, unique=True)
    label = fields.CharField(max_length=80, unique=True)  # `<version>+<hash12>`, what decisions name
    policy_set = fields.CharField(max_length=100)
    files: Any = fields.JSONField()  # {relative path: text}
    author = fields.CharField(max_length=120)
    message = fields.TextField()
    created_at = fields.DatetimeField()

    class Meta:
        table = "policy_versions"


class PolicyActivation(Model):
    id = fields.BigIntField(primary_key=True)
    activation_id = fields.CharField(max_length=64, unique=True)  # caller-supplied or generated
    body_hash = fields.CharField(max_length=64)  # of the request that made it: a replay is recognised
    version: fields.ForeignKeyRelation[PolicyVersion] = fields.ForeignKeyField(
        "models.PolicyVersion", related_name="activations", on_delete=fields.RESTRICT)
    version_id: int
    effective_from = fields.DatetimeField(db_index=True)
    kind = fields.CharField(max_length=16)  # initial | publish | rollback
    author = fields.CharField(max_length=120)
    message = fields.TextField()
    created_at = fields.DatetimeField()
    approved_by = fields.CharField(max_length=120, null=True)  # the second person, under four eyes
    cancelled_at = fields.DatetimeField(null=True)  # a scheduled activation called off before it took effect
    cancelled_by = fields.CharField(max_length=120, null=True)

    class Meta:
        table = "policy_activations"


class PolicyProposal(Model):
    """A change one person asks for (a stored version to put in force); a different person approves it, with a
    comment, and only then is it activated, or rejects it. The author may withdraw it while it waits."""

    id = fields.BigIntField(primary_key=True)
    proposal_id = fields.CharField(max_length=64, unique=True)
    version: fields.ForeignKeyRelation[PolicyVersion] = fields.ForeignKeyField(
        "models.PolicyVersion", related_name="proposals", on_delete=fields.RESTRICT)
    version_id: int
    effective_from = fields.DatetimeField(null=True)  # asked for; None: when approved
    author = fields.CharField(max_length=120)  # as trails name the person
    author_judge = fields.CharField(max_length=64)  # one identity per person, whatever keys the person holds
    message = fields.TextField()
    state = fields.CharField(max_length=16, db_index=True)  # proposed | approved | rejected | withdrawn
    reviewer = fields.CharField(max_length=120, null=True)
    review_comment = fields.TextField(null=True)
    reviewed_at = fields.DatetimeField(null=True)
    activation_id = fields.CharField(max_length=64, unique=True)  # the caller's, or generated; given on approval
    created_at = fields.DatetimeField()

    class Meta:
        table = "policy_proposals"


class ShadowRun(Model):
    """A candidate version evaluated beside the one in force on live traffic; responses never change."""

    id = fields.BigIntField(primary_key=True)
    version: fields.ForeignKeyRelation[PolicyVersion] = fields.ForeignKeyField(
        "models.PolicyVersion", related_name="shadow_runs", on_delete=fields.RESTRICT)
    version_id: int
    author = fields.CharField(max_length=120)
    started_at = fields.DatetimeField()
    stopped_at = fields.DatetimeField(null=True)

    class Meta:
        table = "policy_shadow_runs"


class ShadowDifference(Model):
    """One live decision the shadow candidate answered differently, with its money effect in fen."""

    id = fields.BigIntField(primary_key=True)
    run: fields.ForeignKeyRelation[ShadowRun] = fields.ForeignKeyField(
        "models.ShadowRun", related_name="differences", on_delete=fields.RESTRICT)
    run_id: int
    policy_id = fields.CharField(max_length=64, db_index=True)
    active_version = fields.CharField(max_length=80)
    as_of = fields.DatetimeField()
    facts: Any = fields.JSONField()
    active: Any = fields.JSONField()  # {"rules": [...], "outputs": {...}} or {"error": "..."}
    candidate: Any = fields.JSONField()
    money_delta_fen = fields.BigIntField()  # candidate minus active, over every money output
    recorded_at = fields.DatetimeField()

    class Meta:
        table = "policy_shadow_differences"
