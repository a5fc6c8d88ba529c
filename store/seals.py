"""Seals over the append-only records: each seal covers the records of one kind written in one period, holds
the digest of each (in order) and a root over them, and is chained to the previous seal of its kind. An edit,
a deletion or a record slipped into a sealed period shows when the seals are recomputed (`xiaopu verify-log`);
the latest seal hashes (`xiaopu log-heads`) can be held by a third party, so even a rewritten chain shows."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class LogSeal(Model):
    id = fields.BigIntField(primary_key=True)
    kind = fields.CharField(max_length=32)
    period_start = fields.DatetimeField(null=True)  # None: from the beginning
    period_end = fields.DatetimeField()  # records written before this (and from period_start on)
    count = fields.IntField()
    root = fields.CharField(max_length=64)
    prev_hash = fields.CharField(max_length=64)
    hash = fields.CharField(max_length=64, unique=True)
    created_at = fields.DatetimeField()

    class Meta:
        table = "log_seals"
        unique_together = (("kind", "prev_hash"),)  # two sealers never both extend one seal


class SealedRecord(Model):
    id = fields.BigIntField(primary_key=True)
    seal: fields.ForeignKeyRelation[LogSeal] = fields.ForeignKeyField(
        "models.LogSeal", related_name="records", on_delete=fields.RESTRICT)
    seal_id: int
    kind = fields.CharField(max_length=32)
    record_id = fields.CharField(max_length=160)
    position = fields.IntField()
    digest = fields.CharField(max_length=64)

    class Meta:
        table = "log_sealed_records"
        unique_together = (("kind", "record_id"),)
