"""Rows written by store/row_writes.py are the rows the ORM would write (defaults, times with their zone, JSON,
UUIDs), on both dialects; generated ids come back; a violated constraint leaves none of the statement's rows."""

from __future__ import annotations

import datetime as dt
import uuid
import warnings
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tortoise import connections
from tortoise.context import TortoiseContext
from tortoise.exceptions import IntegrityError
from tortoise.models import Model
from tortoise.transactions import in_transaction

from store.audit import AuditEntry
from store.campaigns import CampaignReward
from store.commission import CommissionLine
from store.db import connection_name
from store.decisions import DecisionRecord, FiredRule
from store.orders import Order, OrderItem
from store.row_writes import Leading, NewRows, Sql, _table, insert_rows

PAID_AT = dt.datetime(2026, 11, 5, 10, 0, 0, 123456, tzinfo=dt.timezone(dt.timedelta(hours=8)))
NOW = dt.datetime(2026, 11, 5, 2, 30, tzinfo=dt.UTC)


async def stored(model: type[Model], **where: Any) -> dict[str, Any]:
    [row] = await model.filter(**where).values()
    return row


async def test_the_rows_are_what_the_orm_writes(db: TortoiseContext, database_url: str) -> None:
    await Order.create(order_id="O-ORM", seller_id="S-1", buyer_id="B-1", paid_at=PAID_AT, body_hash="h" * 64,
                       created_at=NOW)
    record_id = uuid.uuid4()
    decision = {"policy_id": "commission", "policy_version": "1+abc", "content_hash": "c" * 64, "as_of": NOW,
                "facts": {"price": 2890, "category": "fresh_fruit"}, "outputs": {"commission": 520},
                "fired": [{"id": "fresh_fruit_rate", "outputs": {}}], "subject": "order:O", "created_at": NOW}
    await DecisionRecord.create(id=uuid.uuid4(), **decision)
    line = {"seller_id": "S-1", "sku": "APPLE", "status": "estimated", "amount_fen": 520, "rate_bp": 1799,
            "rule_ids": ["fresh_fruit_rate"], "created_at": NOW, "updated_at": NOW}
    orm_line = await CommissionLine.create(line_key="sale:O-ORM:APPLE", order_id="O-ORM", decision_id=record_id,
                                           **line)
    async with in_transaction() as conn:
        ids = await insert_rows(conn, [
            NewRows(Order, [{"order_id": "O-RAW", "seller_id": "S-1", "buyer_id": "B-1", "paid_at": PAID_AT,
                             "body_hash": "h" * 64, "created_at": NOW}]),
            NewRows(OrderItem, [{"order_id": "O-RAW", "sku": "APPLE", "category": "fresh_fruit", "price_fen": 2890,
                                 "quantity": 1}]),
            NewRows(DecisionRecord, [{"id": record_id, **decision}]),
            NewRows(CommissionLine, [{"line_key": "sale:O-RAW:APPLE", "order_id": "O-RAW", "decision_id": record_id,
                                      **line}], returning=("id", "sku"))])
    assert ids == [{"id": orm_line.id + 1, "sku": "APPLE"}]
    assert {**await stored(Order, order_id="O-RAW"), "order_id": "O-ORM"} == await stored(Order, order_id="O-ORM")
    assert (await Order.get(order_id="O-RAW")).paid_at == PAID_AT
    raw = await stored(DecisionRecord, id=record_id)
    assert {**raw, "id": None} == {**await stored(DecisionRecord, id__not=record_id), "id": None}
    apart = {"id": None, "order_id": None, "line_key": None, "updated_at": None}  # auto_now: the time of the write
    raw_line = await stored(CommissionLine, order_id="O-RAW")
    assert {**raw_line, **apart} == {**await stored(CommissionLine, order_id="O-ORM"), **apart}
    assert raw_line["updated_at"] > NOW and raw_line["created_at"] == NOW
    item = await stored(OrderItem, order_id="O-RAW")
    assert (item["refunded_fen"], item["supplier_id"], item["supplier_rate_bp"]) == (0, None, None)
    assert connection_name(database_url) in connections.db_config


async def test_a_violated_constraint_leaves_none_of_the_rows(db: TortoiseContext) -> None:
    await CommissionLine.create(line_key="sale:O-1:APPLE", seller_id="S-1", order_id="O-0", sku="APPLE",
                                status="estimated", amount_fen=1, decision_id=uuid.uuid4())
    with pytest.raises(IntegrityError):
        async with in_transaction() as conn:
            await insert_rows(conn, [
                NewRows(Order, [{"order_id": "O-1", "seller_id": "S-1", "buyer_id": "B-1", "paid_at": NOW,
                                 "body_hash": "h" * 64, "created_at": NOW}]),
                NewRows(CommissionLine, [{"line_key": "sale:O-1:APPLE", "seller_id": "S-1", "order_id": "O-1",
                                          "sku": "APPLE", "status": "estimated", "amount_fen": 1,
                                          "decision_id": uuid.uuid4(), "created_at": NOW, "updated_at": NOW}])])
    assert not await Order.exists(order_id="O-1")


async def test_only_the_last_tables_rows_are_read_back(db: TortoiseContext) -> None:
    with pytest.raises(ValueError, match="last table"):
        async with in_transaction() as conn:
            await insert_rows(conn, [NewRows(Order, [{"order_id": "O-1"}], returning=("order_id",)),
                                     NewRows(OrderItem, [{"order_id": "O-1"}])])


async def test_a_leading_query_goes_with_the_rows_or_takes_them_back(db: TortoiseContext, database_url: str) -> None:
    order = {"seller_id": "S-1", "buyer_id": "B-1", "paid_at": PAID_AT, "body_hash": "h" * 64}
    conn = connections.get(connection_name(database_url))
    if not database_url.startswith("postgres"):
        with pytest.raises(ValueError, match="one PostgreSQL statement"):
            await insert_rows(conn, [NewRows(Order, [{"order_id": "O-L", **order}])], Leading("q", "SELECT 1", []))
        return
    buyer = Sql('(SELECT "buyer" FROM "leading")')
    await insert_rows(conn, [NewRows(Order, [{"order_id": "O-L", **order, "buyer_id": buyer}])],
                      Leading("leading", 'SELECT $1::text AS "buyer"', ["B-FROM-THE-QUERY"]))
    assert (await stored(Order, order_id="O-L"))["buyer_id"] == "B-FROM-THE-QUERY"
    failing = Leading("leading", 'SELECT (1 / $1::int)::text AS "buyer"', [0])
    with pytest.raises(Exception, match="division by zero"):
        await insert_rows(conn, [NewRows(Order, [{"order_id": "O-GONE", **order, "buyer_id": buyer}]),
                                 NewRows(OrderItem, [{"order_id": "O-GONE", "sku": "A", "category": "c",
                                                      "price_fen": 1, "quantity": 1}])], failing)
    assert not await Order.exists(order_id="O-GONE") and not await OrderItem.exists(order_id="O-GONE")


def _conversion(convert: Any, value: Any) -> tuple[str, Any]:
    """What a conversion gives for `value`, or the kind and words of what it raises."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # the field's warning for a time without its zone
            return "value", convert(value)
    except Exception as exc:  # the field's own refusals (too long, not a number, ...) are part of the answer
        return type(exc).__name__, str(exc)


VALUES = st.one_of(st.none(), st.booleans(), st.integers(-(2**70), 2**70), st.text(max_size=300), st.uuids(),
                   st.floats(allow_nan=False), st.just("12"), st.datetimes(timezones=st.just(dt.UTC)),
                   st.datetimes(), st.datetimes(timezones=st.timezones()), st.dates(),
                   st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=5), st.integers(), max_size=3))
MODELS = [Order, OrderItem, DecisionRecord, FiredRule, CampaignReward, AuditEntry, CommissionLine]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=VALUES, data=st.data())
def test_each_columns_conversion_is_the_fields_own(db: TortoiseContext, value: Any, data: st.DataObject) -> None:
    """The shortcuts (text within its length, whole numbers, truth values, UUIDs) give what the field gives, and
    refuse what it refuses, for any value (the ORM is set up first: its foreign keys are columns only then)."""
    model, col = data.draw(st.sampled_from([(m, c) for m in MODELS for c in _table(m)[1]]))
    field_object = model._meta.fields_map[col.name]
    limit = getattr(field_object, "max_length", None)
    if limit and data.draw(st.booleans()):  # text at, just under and just over the column's length
        value = "字" * data.draw(st.sampled_from([limit - 1, limit, limit + 1]))
    assert _conversion(col.to_db, value) == _conversion(lambda v: field_object.to_db_value(v, model), value), col.name
