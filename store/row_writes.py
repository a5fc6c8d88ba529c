"""New rows of several tables written in as few round trips as the database allows, without building models.

On PostgreSQL every table's rows go in one statement (each table an INSERT in a data-modifying WITH; the
foreign keys are checked at the statement's end, so an order and its items may go together): one round trip
whatever the number of tables and rows. SQLite has no INSERT in WITH: one statement per table, on the same
connection in the same process (no round trip to speak of).

The values are converted by the models' own fields, as the ORM converts them, and every column the ORM would
write is written (a field's default where the row gives no value, the time of the write in an `auto_now` field
and an `auto_now_add` one left empty), so what is stored is what `Model.create` and `bulk_create` would store.
Generated primary keys come back for the last table when asked (`returning`).

On PostgreSQL the statement may begin with a query of its own (`Leading`), whose answer a row refers to with an
`Sql` value: an error of that query takes every row of the statement back with it."""

from __future__ import annotations

import datetime as dt
import functools
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from tortoise import timezone
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.fields import (
    BigIntField,
    BooleanField,
    CharField,
    DatetimeField,
    Field,
    IntField,
    SmallIntField,
    TextField,
    UUIDField,
)
from tortoise.models import Model
from tortoise.validators import MaxLengthValidator

MAX_VALUES = 32_766  # the most values one statement takes (PostgreSQL's protocol 32,767, SQLite 32,766)


@dataclass(frozen=True)
class NewRows:
    """Rows of one model, each a {field name: value} (a foreign key by its `<name>_id`)."""

    model: type[Model]
    rows: Sequence[dict[str, Any]]
    returning: tuple[str, ...] = field(default=())  # field names to read back (the last table's only)


class Sql(str):
    """A value written as SQL, as is (a reference to the `Leading` query's answer)."""


@dataclass(frozen=True)
class Leading:
    """A query the statement runs alongside its rows (PostgreSQL), as `WITH <name> AS (<sql>)`; `sql` marks its
    values `$1`, `$2`, ... A row's `Sql` value refers to it, which is what makes it run."""

    name: str
    sql: str
    params: Sequence[Any]


@dataclass(frozen=True)
class _Column:
    name: str  # the field's
    sql_name: str  # the column's, quoted
    to_db: Callable[[Any], Any]  # the field's own conversion (`_converter`)
    default: Any
    default_factory: Callable[[], Any] | None
    auto_now: bool = False  # stamped with the time of the write, whatever the row says (the ORM's auto_now)
    auto_now_add: bool = False  # stamped when the row gives none (auto_now_add)


@functools.cache
def _table(model: type[Model]) -> tuple[str, tuple[_Column, ...]]:
    """The quoted table name and every column an INSERT writes: all but a generated primary key."""
    meta = model._meta
    columns = []
    for name, column in meta.fields_db_projection.items():
        if name == meta.pk_attr and meta.pk.generated:
            continue
        field_object = meta.fields_map[name]
        default = field_object.default
        columns.append(_Column(name, f'"{column}"', _converter(field_object, model),
                               None if callable(default) else default, default if callable(default) else None,
                               getattr(field_object, "auto_now", False),
                               getattr(field_object, "auto_now_add", False)))
    return f'"{meta.db_table}"', tuple(columns)


def _converter(field_object: Field[Any], model: type[Model]) -> Callable[[Any], Any]:
    """`field_object.to_db_value(value, model)` (the class, not an instance: no auto_now stamping), with its work
    skipped where the value already is what the field stores: text within the field's length, a whole number, a
    truth value, a UUID (as text), a time with its zone. Those give what the field gives; anything else (a value
    to convert, text too long, None) goes through the field itself. tests/store/test_row_writes.py holds the two
    equal."""
    field_class, slow = type(field_object), field_object.to_db_value
    plain = field_class.to_db_value is Field.to_db_value  # converts to field_type, then runs the validators
    validators = field_object.validators
    lengths = [v.max_length for v in validators if isinstance(v, MaxLengthValidator)]
    if plain and field_class in (CharField, TextField) and len(lengths) == len(validators):
        limit = min(lengths, default=None)
        if limit is None:
            return lambda value: value if type(value) is str else slow(value, model)
        return lambda value: value if type(value) is str and len(value) <= limit else slow(value, model)
    if plain and field_class in (IntField, BigIntField, SmallIntField) and not validators:
        return lambda value: value if type(value) is int else slow(value, model)
    if plain and field_class is BooleanField and not validators:
        return lambda value: value if type(value) is bool else slow(value, model)
    if field_class is UUIDField:
        return lambda value: str(value) if type(value) is uuid.UUID else slow(value, model)
    if field_class is DatetimeField and not validators and not hasattr(model, "_saved_in_db"):
        # an aware time is stored as it is (a naive one is warned about and made aware by the field)
        return lambda value: value if type(value) is dt.datetime and value.utcoffset() is not None else slow(
            value, model)
    return lambda value: slow(value, model)


@functools.cache
def _mark(number: int) -> str:
    return f"${number}"


def _insert(rows: NewRows, numbered: bool, params: list[Any]) -> str:
    """The INSERT of `rows`, its values appended to `params` (marked `$1`, `$2`, ... when `numbered`, else `?`)."""
    model = rows.model
    table, columns = _table(model)
    plan = [(c.name, c.to_db, c.default, c.default_factory, c.auto_now, c.auto_now_add) for c in columns]
    groups = []
    missing = object()
    now = None  # the time of the write: the statement's
    for row in rows.rows:
        marks: list[str] = []
        for name, to_db, default, default_factory, auto_now, auto_now_add in plan:
            value = row.get(name, missing)
            if value is missing:
                value = default_factory() if default_factory else default
            elif type(value) is Sql:
                marks.append(value)
                continue
            if auto_now or (auto_now_add and value is None):
                value = now = now or timezone.localtime()
            params.append(to_db(value))
            marks.append(_mark(len(params)) if numbered else "?")
        groups.append(f"({', '.join(marks)})")
    sql = f'INSERT INTO {table} ({", ".join(column.sql_name for column in columns)}) VALUES {", ".join(groups)}'
    if rows.returning:
        projection = model._meta.fields_db_projection
        sql += " RETURNING " + ", ".join(f'"{projection[name]}"' for name in rows.returning)
    return sql


async def insert_rows(conn: BaseDBAsyncClient, writes: Sequence[NewRows], leading: Leading | None = None
                      ) -> list[dict[str, Any]]:
    """Insert every table's rows, in order, on `conn` (the caller's transaction, or on PostgreSQL a pooled
    connection: the one statement commits on its own, if the values fit in one); the `returning` fields of the
    last table's rows. A constraint violation raises tortoise's IntegrityError, as the ORM's writes do.
    `leading`: PostgreSQL only, and only in one statement (ValueError otherwise); its errors are the driver's."""
    writes = [rows for rows in writes if rows.rows]
    if any(rows.returning for rows in writes[:-1]):
        raise ValueError("only the last table's rows can be read back")
    if not writes:
        return []
    if conn.capabilities.dialect == "postgres":
        params: list[Any] = list(leading.params) if leading else []
        parts = [_insert(rows, True, params) for rows in writes]
        if len(params) <= MAX_VALUES:
            heads = [f'"{leading.name}" AS ({leading.sql})'] if leading else []
            heads += [f"w{index} AS ({sql})" for index, sql in enumerate(parts[:-1])]
            found = await conn.execute_query_dict((f"WITH {', '.join(heads)} " if heads else "") + parts[-1], params)
            return _returned(writes[-1], found)
    if leading is not None:
        raise ValueError("a leading query goes with the rows in one PostgreSQL statement")
    found = []
    for rows in writes:  # SQLite; or more values than one statement takes: the caller's transaction holds them
        found = []
        for chunk in _chunks(rows):
            params = []
            found += await conn.execute_query_dict(_insert(chunk, conn.capabilities.dialect == "postgres", params),
                                                   params)
    return _returned(writes[-1], found)


def _chunks(rows: NewRows) -> list[NewRows]:
    """`rows` in statements of at most MAX_VALUES values each."""
    per_statement = max(1, MAX_VALUES // len(_table(rows.model)[1]))
    return [NewRows(rows.model, rows.rows[i:i + per_statement], rows.returning)
            for i in range(0, len(rows.rows), per_statement)]


def _returned(last: NewRows, found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    projection = last.model._meta.fields_db_projection
    return [{name: record[projection[name]] for name in last.returning} for record in found] if last.returning else []
