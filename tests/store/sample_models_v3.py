"""sample_models_v2 with `status` made NOT NULL: a change SQLite cannot make in place (test_make_migration)."""

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
    status = fields.CharField(max_length=16, default="new", db_index=True)

    class Meta:
        table = "sample_parcels"
        unique_together = (("issued_by", "amount_fen"),)
