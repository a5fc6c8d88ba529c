"""New rows of several tables written in as few round trips as the database allows, without building models.

On PostgreSQL every table's rows go in one statement (each table an INSERT in a data-modifying WITH; the
foreign keys are checked at the statement's end, so an order and its items may go together): one round trip
whatever the number of tables and rows. SQLite has no INSERT in WITH: one statement per table, on the same
connection in the same process (no round trip to speak of).

The values are converted by the models' own fields, as the ORM converts them, and every column the ORM would
write is written (a field's default where the row gives no value), so what is stored is what `Model.create`
and `bulk_create` would store. Generated primary keys come back for the last table when asked (`returning`)."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.models import Model


@dataclass(frozen=True)
class NewRows:
    """Rows of one model, each a {field name: value} (a foreign key by its `<name>_id`)."""

    model: type[Model]
    rows: Sequence[dict[str, Any]]
    returning: tuple[str, ...] = field(default=())  # field names to read back (the last table's only)


@functools.cache
def _columns(model: type[Model]) -> tuple[tuple[str, str], ...]:
    """(field name, column) of every column an INSERT writes: all but a generated primary key."""
    meta = model._meta
    return tuple((name, column) for name, column in meta.fields_db_projection.items()
                 if not (name == meta.pk_attr and meta.pk.generated))


def _value(model: type[Model], name: str, row: dict[str, Any]) -> Any:
    field_object = model._meta.fields_map[name]
    if name in row:
        value = row[name]
    else:
        default = field_object.default
        value = default() if callable(default) else default
    return field_object.to_db_value(value, model)  # the class, not an instance: no auto_now stamping


def _insert(rows: NewRows, mark: Callable[[int], str], params: list[Any]) -> str:
    """The INSERT of `rows`, its values appended to `params` (numbered by `mark`)."""
    columns = _columns(rows.model)
    groups = []
    for row in rows.rows:
        marks = []
        for name, _ in columns:
            params.append(_value(rows.model, name, row))
            marks.append(mark(len(params)))
        groups.append(f"({', '.join(marks)})")
    names = ", ".join(f'"{column}"' for _, column in columns)
    sql = f'INSERT INTO "{rows.model._meta.db_table}" ({names}) VALUES {", ".join(groups)}'
    if rows.returning:
        projection = rows.model._meta.fields_db_projection
        sql += " RETURNING " + ", ".join(f'"{projection[name]}"' for name in rows.returning)
    return sql


async def insert_rows(conn: BaseDBAsyncClient, writes: Sequence[NewRows]) -> list[dict[str, Any]]:
    """Insert every table's rows, in order, on `conn` (the caller's transaction); the `returning` fields of the
    last table's rows. A constraint violation raises tortoise's IntegrityError, as the ORM's writes do."""
    writes = [rows for rows in writes if rows.rows]
    if any(rows.returning for rows in writes[:-1]):
        raise ValueError("only the last table's rows can be read back")
    if not writes:
        return []
    if conn.capabilities.dialect == "postgres":
        params: list[Any] = []
        parts = [_insert(rows, lambda n: f"${n}", params) for rows in writes]
        head = ", ".join(f"w{index} AS ({sql})" for index, sql in enumerate(parts[:-1]))
        found = await conn.execute_query_dict((f"WITH {head} " if head else "") + parts[-1], params)
    else:
        found = []
        for rows in writes:
            params = []
            found = await conn.execute_query_dict(_insert(rows, lambda n: "?", params), params)
    last = writes[-1]
    projection = last.model._meta.fields_db_projection
    return [{name: record[projection[name]] for name in last.returning} for record in found] if last.returning else []
