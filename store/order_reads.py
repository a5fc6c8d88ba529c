"""The rows a report of an order is checked and decided against, read in one statement: the order's store, the
order under each key it may be stored by, and the share list under each key it may be stored by with its sharer's
totals. Every one is looked up by its primary key and LEFT JOINed to a one-row base, so the statement returns one
row whatever was found; a table's part of it is empty (its key is NULL) when nothing was.

Three reads through the ORM were three round trips and ~0.7 ms of the server's CPU per attributed order; this is
one of each. The rows are built as the ORM builds them (`Model._init_from_db`), so the callers see the models
they saw before. No lock is taken: the order's statement and the reward's conditional UPDATEs guard what the
reads are used for (store/campaigns.py)."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.models import Model

from store.campaigns import CampaignSharer, SharedList, ShareList, SharerTotals
from store.orders import Order
from store.sellers import Seller

M = TypeVar("M", bound=Model)


@dataclass
class OrderRows:
    seller: Seller | None
    orders: dict[str, Order] = field(default_factory=dict)  # by the key each was found under
    lists: dict[str, SharedList] = field(default_factory=dict)  # by the key each was found under


@functools.cache
def _columns(model: type[Model]) -> tuple[str, ...]:
    return tuple(model._meta.fields_db_projection.values())


def _pk(model: type[Model]) -> str:
    return model._meta.db_pk_column


@functools.cache
def _statement(orders: int, lists: int, postgres: bool) -> str:
    """The SELECT for one seller, `orders` order keys and `lists` share-list keys."""
    marks = iter(f"${n}" if postgres else "?" for n in range(1, 2 + orders + lists))
    selected: list[str] = []
    joins: list[str] = []

    def part(model: type[Model], alias: str, on: str) -> None:
        selected.extend(f'{alias}."{column}" AS "{alias}.{column}"' for column in _columns(model))
        joins.append(f'LEFT JOIN "{model._meta.db_table}" {alias} ON {on}')

    part(Seller, "s", f's."{_pk(Seller)}" = {next(marks)}')
    for n in range(orders):
        part(Order, f"o{n}", f'o{n}."{_pk(Order)}" = {next(marks)}')
    for n in range(lists):
        part(ShareList, f"l{n}", f'l{n}."{_pk(ShareList)}" = {next(marks)}')
        selected += [f'h{n}."reserved_fen" AS "h{n}.reserved_fen"', f'h{n}."committed_fen" AS "h{n}.committed_fen"']
        joins.append(f'LEFT JOIN "{CampaignSharer._meta.db_table}" h{n} '
                     f'ON h{n}."campaign_id" = l{n}."campaign_id" AND h{n}."consumer_id" = l{n}."consumer_id"')
    return f'SELECT {", ".join(selected)} FROM (SELECT 1 AS "one") base {" ".join(joins)}'


def _model(model: type[M], alias: str, row: dict[str, Any]) -> M | None:
    if row[f"{alias}.{_pk(model)}"] is None:
        return None
    return model._init_from_db(**{column: row[f"{alias}.{column}"] for column in _columns(model)})


async def order_rows(seller_id: str, order_keys: Sequence[str], list_keys: Sequence[str],
                     conn: BaseDBAsyncClient | None = None) -> OrderRows:
    """The seller `seller_id`, the orders stored under `order_keys` and the share lists stored under `list_keys`
    (each with its sharer's totals in the list's campaign; None when the sharer has no row), those that exist."""
    conn = conn or Order._meta.db
    sql = _statement(len(order_keys), len(list_keys), conn.capabilities.dialect == "postgres")
    row = dict((await conn.execute_query_dict(sql, [seller_id, *order_keys, *list_keys]))[0])
    found = OrderRows(_model(Seller, "s", row))
    for n, key in enumerate(order_keys):
        if (order := _model(Order, f"o{n}", row)) is not None:
            found.orders[key] = order
    for n, key in enumerate(list_keys):
        if (share := _model(ShareList, f"l{n}", row)) is not None:
            found.lists[key] = share, SharerTotals.read(row[f"h{n}.reserved_fen"], row[f"h{n}.committed_fen"])
    return found
