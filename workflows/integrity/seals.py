"""Tamper evidence: per-period seals over the append-only records, chained per kind, and their verification.

Sealing runs beside the hot paths, never in them: the server's tick (and `xiaopu seal-logs`) seals, for each
kind, the records written since the last seal and more than `SETTLE` ago (so a transaction still committing
cannot land in a sealed period). A seal stores each record's digest in order, a root over them and the hash
of the previous seal of its kind. Concurrent sealers cannot fork a chain: a seal's predecessor is unique.

`verify_logs` recomputes everything from the records as they are now and names, per kind, each record that
was edited, deleted, or written into a period already sealed (e.g. an audit entry with a forged time), and a
chain whose seals were changed; given heads exported earlier it also catches a chain rewritten whole.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.models import Model
from tortoise.transactions import in_transaction

from store.audit import AuditEntry
from store.commission import CommissionLine
from store.decisions import DecisionRecord
from store.disputes import DisputeStep
from store.policy_versions import PolicyActivation
from store.seals import LogSeal, SealedRecord
from store.suppliers import DepositMovement

GENESIS = "0" * 64
NOT_SEALED: dict[str, Any] = {"state": "not sealed yet", "seal": None, "position": None, "of": None,
                              "seal_hash": None}
SETTLE = dt.timedelta(seconds=60)


@dataclass(frozen=True)
class Kind:
    """One kind of record: its model, key, the write-time field seal periods run on, and the fields its digest
    covers (those that never change once written)."""

    name: str
    model: type[Model]
    key: str
    written: str
    fields: tuple[str, ...]


KINDS = (
    Kind("decisions", DecisionRecord, "id", "created_at", ("id", "policy_id", "policy_version", "content_hash",
                                                          "as_of", "facts", "outputs", "fired", "subject",
                                                          "created_at")),
    # a sale line is recomputed until it locks; what never changes is which line it is
    Kind("commission_lines", CommissionLine, "id", "created_at", ("id", "line_key", "seller_id", "order_id", "sku",
                                                                 "kind", "created_at")),
    Kind("deposit_movements", DepositMovement, "movement_id", "recorded_at",
         ("movement_id", "supplier_id", "kind", "amount_fen", "reason", "body_hash", "decision_id", "at",
          "recorded_at")),
    Kind("dispute_steps", DisputeStep, "event_id", "recorded_at",
         ("event_id", "dispute_id", "event", "actor", "actor_key", "at", "from_state", "to_state", "round",
          "evidence", "reason", "effects", "decision_id", "body_hash", "recorded_at")),
    Kind("policy_activations", PolicyActivation, "id", "created_at",
         ("id", "activation_id", "version_id", "effective_from", "kind", "author", "message", "approved_by",
          "created_at")),
    Kind("audit", AuditEntry, "id", "at", ("id", "at", "request_id", "key_id", "key_label", "role", "method",
                                           "route", "resource_id", "caller_id", "decision_ids", "status")),
)
BY_NAME = {k.name: k for k in KINDS}


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat(timespec="microseconds")
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


def record_digest(row: dict[str, Any]) -> str:
    canonical = json.dumps({k: _plain(v) for k, v in row.items()}, sort_keys=True, ensure_ascii=False,
                           separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _root(digests: list[str]) -> str:
    return hashlib.sha256("".join(digests).encode()).hexdigest()


def seal_hash(kind: str, start: dt.datetime | None, end: dt.datetime, count: int, root: str, prev: str) -> str:
    text = "|".join((kind, _plain(start) if start else "-", _plain(end), str(count), root, prev))
    return hashlib.sha256(text.encode()).hexdigest()


def _in_period(kind: Kind, start: dt.datetime | None, end: dt.datetime) -> Any:
    query = kind.model.filter(**{f"{kind.written}__lt": end, f"{kind.written}__isnull": False})
    return query.filter(**{f"{kind.written}__gte": start}) if start else query


async def seal_logs(now: dt.datetime, settle: dt.timedelta = SETTLE) -> dict[str, int]:
    """Seal what each kind wrote before `now - settle` since its last seal; the records sealed per kind."""
    until = now.astimezone(dt.UTC) - settle
    sealed: dict[str, int] = {}
    for kind in KINDS:
        last = await LogSeal.filter(kind=kind.name).order_by("-id").first()
        start = last.period_end if last else None
        if start is not None and until <= start:
            continue
        rows = await _in_period(kind, start, until).order_by(kind.written, kind.key).values(*kind.fields)
        digests = [record_digest(row) for row in rows]
        prev = last.hash if last else GENESIS
        try:
            async with in_transaction() as conn:
                seal = await LogSeal.create(
                    kind=kind.name, period_start=start, period_end=until, count=len(rows), root=_root(digests),
                    prev_hash=prev, hash=seal_hash(kind.name, start, until, len(rows), _root(digests), prev),
                    created_at=now.astimezone(dt.UTC), using_db=conn)
                await SealedRecord.bulk_create(
                    [SealedRecord(seal_id=seal.id, kind=kind.name, record_id=str(row[kind.key]), position=i, digest=d)
                     for i, (row, d) in enumerate(zip(rows, digests, strict=True))], batch_size=1000, using_db=conn)
        except IntegrityError:
            continue  # another process sealed this kind at the same moment; its seal stands
        sealed[kind.name] = len(rows)
    return sealed


@dataclass(frozen=True)
class Finding:
    kind: str
    problem: str  # edited | deleted | inserted_into_sealed_period | seal_changed | chain_broken | head_missing
    record_id: str
    message: str

    def __str__(self) -> str:
        return f"{self.kind}: {self.problem}: {self.record_id}: {self.message}"


async def verify_logs(heads: dict[str, Any] | None = None,
                      progress: Callable[[str, int, int], None] = lambda kind, done, total: None) -> list[Finding]:
    found: list[Finding] = []
    for kind in KINDS:
        found += await _verify_kind(kind, progress)
        if heads and kind.name in heads:
            head = heads[kind.name]
            if not await LogSeal.exists(kind=kind.name, id=head["seal"], hash=head["hash"]):
                found.append(Finding(kind.name, "head_missing", f"seal {head['seal']}",
                                     "a seal exported earlier is no longer in the chain: the chain was rewritten"))
    return found


async def _verify_kind(kind: Kind, progress: Callable[[str, int, int], None]) -> list[Finding]:
    found: list[Finding] = []
    seals = await LogSeal.filter(kind=kind.name).order_by("id")
    prev = GENESIS
    for n, seal in enumerate(seals, 1):
        if seal.prev_hash != prev or seal.hash != seal_hash(kind.name, seal.period_start, seal.period_end,
                                                            seal.count, seal.root, seal.prev_hash):
            found.append(Finding(kind.name, "chain_broken", f"seal {seal.id}",
                                 "the seal does not follow from the one before it"))
        prev = seal.hash
        leaves = await SealedRecord.filter(seal_id=seal.id).order_by("position")
        if len(leaves) != seal.count or _root([leaf.digest for leaf in leaves]) != seal.root:
            found.append(Finding(kind.name, "seal_changed", f"seal {seal.id}",
                                 "the digests kept with the seal do not give its root"))
        found += await _compare(kind, seal, leaves)
        progress(kind.name, n, len(seals))
    return found


async def _compare(kind: Kind, seal: LogSeal, leaves: list[SealedRecord]) -> list[Finding]:
    found: list[Finding] = []
    rows = await _in_period(kind, seal.period_start, seal.period_end).values(*kind.fields)
    now_by_id = {str(row[kind.key]): row for row in rows}
    sealed_ids = set()
    for leaf in leaves:
        sealed_ids.add(leaf.record_id)
        row = now_by_id.get(leaf.record_id)
        if row is None:
            moved = await kind.model.filter(**{kind.key: _key(kind, leaf.record_id)}).values(*kind.fields)
            if not moved:
                found.append(Finding(kind.name, "deleted", leaf.record_id, f"sealed in seal {seal.id}, now gone"))
                continue
            row = moved[0]
        if record_digest(row) != leaf.digest:
            found.append(Finding(kind.name, "edited", leaf.record_id,
                                 f"differs from what seal {seal.id} recorded ({_fields_of(row)})"))
    for record_id in sorted(set(now_by_id) - sealed_ids):
        found.append(Finding(kind.name, "inserted_into_sealed_period", record_id,
                             f"written at {_plain(now_by_id[record_id][kind.written])}, inside seal {seal.id}'s "
                             "period, but not sealed: written later with a back-dated time"))
    return found


def _key(kind: Kind, record_id: str) -> Any:
    return uuid.UUID(record_id) if kind.model is DecisionRecord else (
        int(record_id) if kind.key == "id" else record_id)


def _fields_of(row: dict[str, Any]) -> str:
    return ", ".join(sorted(row))[:200]


async def log_heads() -> dict[str, Any]:
    """The newest seal of each kind, to be held outside the database."""
    heads: dict[str, Any] = {}
    for kind in KINDS:
        last = await LogSeal.filter(kind=kind.name).order_by("-id").first()
        if last:
            heads[kind.name] = {"seal": last.id, "hash": last.hash, "period_end": _plain(last.period_end),
                                "count": last.count}
    return heads


async def decision_standing(decision_ids: list[str]) -> dict[str, dict[str, Any]]:
    """For pages that rest on decisions: each one's place in the sealed log. `verified` (its record is as
    sealed, in a seal that follows from its own content), `not sealed yet` (written in the last minute or
    before sealing ran), or `altered` (differs from what was sealed)."""
    kind = BY_NAME["decisions"]
    wanted = [i for i in dict.fromkeys(decision_ids) if i]
    leaves = {leaf.record_id: leaf for leaf in await SealedRecord.filter(kind=kind.name, record_id__in=wanted)
              .prefetch_related("seal")}
    rows = {str(r["id"]): r for r in await DecisionRecord.filter(id__in=[uuid.UUID(i) for i in wanted])
            .values(*kind.fields)}
    standing: dict[str, dict[str, Any]] = {}
    for decision_id in wanted:
        leaf, row = leaves.get(decision_id), rows.get(decision_id)
        if leaf is None:
            standing[decision_id] = dict(NOT_SEALED)
            continue
        seal = leaf.seal
        intact = row is not None and record_digest(row) == leaf.digest and seal.hash == seal_hash(
            kind.name, seal.period_start, seal.period_end, seal.count, seal.root, seal.prev_hash)
        standing[decision_id] = {"state": "verified" if intact else "altered", "seal": seal.id,
                                 "position": leaf.position + 1, "of": seal.count, "seal_hash": seal.hash}
    return standing
