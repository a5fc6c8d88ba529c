"""sample_models_v1 one change later: a new nullable column with an index (used only by test_make_migration)."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class Parcel(Model):
    id = fields.BigIntField(primary_key=True)
    parcel_id = fields.CharField(max_length=64, unique=True)
    issued_by = fields.ForeignKeyField("models.ApiKey", related_name="parcels", on_delete=fields.RESTRICT)
    amount_fen = fields.BigIntField()
    facts = fields.JSONField(default=dict)
    created_at = fields.DatetimeField(auto_now_add=True)
    status = fields.CharField(max_length=16, null=True, db_index=True)

    class Meta:
        table = "sample_parcels"
        unique_together = (("issued_by", "amount_fen"),)
