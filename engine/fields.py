"""Typed fields: how a policy's inputs and outputs are written by people and carried into the engine.

The engine (a C extension) compares numbers as JSON text and has no decimal type, so every value
crosses into it as an int, a str or a bool: money as integer fen, rates as integer basis points,
dates as days since 1970-01-01, datetimes as UTC epoch seconds.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1
MONEY_LIMIT_FEN = 10**15  # ten trillion yuan: beyond any real amount, far inside int64
EPOCH_DAY = dt.date(1970, 1, 1)

FIELD_TYPES = ("money", "rate", "integer", "boolean", "text", "enum", "category", "date", "datetime")
INVALID_TYPE = "invalid"  # a declared field whose type was not understood (already reported)
ORDERED_TYPES = frozenset({"money", "rate", "integer", "date", "datetime"})
NAME_RE = re.compile(r"^[a-z][a-z0-9_]{0,62}$")
RESERVED_NAMES = frozenset({"sid", "id", "all", "any", "not"})

_YUAN_RE = re.compile(r"^(-?)(\d{1,13})(?:\.(\d{1,2}))?$")
_PERCENT_RE = re.compile(r"^(\d{1,4})(?:\.(\d{1,2}))?%$")
_BP_RE = re.compile(r"^(\d{1,5})\s?bp$")

EngineValue = int | str | bool

# A version stored before rates carried their unit wrote them as bare basis points; it is read as it was
# published (loader.load_policy_bundle), while every new candidate is held to the unit rule.
bare_rates_are_bp: ContextVar[bool] = ContextVar("bare_rates_are_bp", default=False)


class ValueProblem(ValueError):
    """A value that does not fit its field type; the message is for people."""


class UnitMissing(ValueProblem):
    """A rate written in a policy file as a bare number: 16 could mean 16% or 0.16%, so it is refused."""


@dataclass(frozen=True)
class FieldSpec:
    """One declared input or output of a policy."""

    name: str
    type: str
    description: str = ""
    optional: bool = False
    values: tuple[str, ...] = ()  # for enum
    basis: str | None = None  # guard-rail tag: what the figure is computed from
    derived: tuple[str, ...] = ()  # input computed as the product of these fields ...
    less: str | None = None  # ... minus this (optional) field, e.g. the amount already refunded
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def ordered(self) -> bool:
        return self.type in ORDERED_TYPES


@functools.lru_cache(maxsize=8192)
def parse_yuan(text: str) -> int:
    """'28.90' -> 2890 fen. Exact: no float ever sees the value. Remembered: a quote or an order reads each of
    its prices twice (validated, then converted), and the same prices come back on every view of a product."""
    m = _YUAN_RE.match(text.strip())
    if not m:
        raise ValueProblem(f"{text!r} is not an amount in yuan like '28.90'")
    sign, whole, frac = m.groups()
    fen = int(whole) * 100 + int((frac or "0").ljust(2, "0"))
    return -fen if sign else fen


def format_yuan(fen: int) -> str:
    """2890 -> '28.90'; -520 -> '-5.20'."""
    sign = "-" if fen < 0 else ""
    whole, cents = divmod(abs(fen), 100)
    return f"{sign}{whole}.{cents:02d}"


def parse_percent(text: str) -> int:
    """'17.99%' or '1799bp' -> 1799 basis points."""
    bp = _BP_RE.match(text.strip())
    if bp:
        return int(bp.group(1))
    m = _PERCENT_RE.match(text.strip())
    if not m:
        raise ValueProblem(f"{text!r} is not a rate like '17.99%' or '1799bp'")
    whole, frac = m.groups()
    return int(whole) * 100 + int((frac or "0").ljust(2, "0"))


def format_percent(bp: int) -> str:
    whole, frac = divmod(bp, 100)
    return f"{whole}.{frac:02d}%" if frac else f"{whole}%"


def _parse_datetime(value: Any) -> int:
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError as exc:
            raise ValueProblem(f"{value!r} is not an ISO 8601 time like '2026-12-07T00:00:00+08:00'") from exc
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            raise ValueProblem(f"time {value.isoformat()} has no UTC offset; write it with Z or +08:00")
        return int(value.timestamp())
    raise ValueProblem(f"{value!r} is not a time")


def to_utc_datetime(value: Any) -> dt.datetime:
    """An ISO 8601 text with offset (or an aware datetime) as a UTC datetime; ValueProblem when it is not."""
    return dt.datetime.fromtimestamp(_parse_datetime(value), dt.UTC)


def _parse_date(value: Any) -> int:
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value.strip())
        except ValueError as exc:
            raise ValueProblem(f"{value!r} is not a date like '2026-12-07'") from exc
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return (value - EPOCH_DAY).days
    raise ValueProblem(f"{value!r} is not a date")


def _check_int(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueProblem(f"{value!r} is not {what}")
    if not INT64_MIN <= value <= INT64_MAX:
        raise ValueProblem(f"{value} is outside the range the engine can compare exactly")
    return value


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate
        return False
    return True


def to_engine(spec: FieldSpec, value: Any, *, categories: frozenset[str], money_ints_are_fen: bool,
              rate_ints_are_bp: bool = True) -> EngineValue:
    """Convert a value written by a person (YAML, JSON) or a program to the engine representation.

    Money written as text is yuan ('28.90'); a bare integer is fen only where the caller says so
    (code inside the product); in policy files an integer amount is refused as ambiguous. Rates are
    text with their unit ('16%', '1600bp'); a bare integer is basis points only where the caller says so
    (the API, stored decisions): in policy files it is refused, since 16 could mean 16% or 0.16%.
    """
    kind = spec.type
    if kind == INVALID_TYPE:
        return str(value)  # the policy set is already invalid; never evaluated
    if kind == "money":
        if isinstance(value, str):
            fen = parse_yuan(value)
        elif isinstance(value, int) and not isinstance(value, bool) and money_ints_are_fen:
            fen = value
        else:
            raise ValueProblem(f"{value!r} is not an amount; write money as yuan text like '28.90'")
        if abs(fen) > MONEY_LIMIT_FEN:
            raise ValueProblem(f"amount {format_yuan(fen)} is beyond the largest amount the program accepts")
        return fen
    if kind == "rate":
        if isinstance(value, int) and not isinstance(value, bool) and not rate_ints_are_bp \
                and not bare_rates_are_bp.get():
            meant = f"'{value}bp' (that is {format_percent(value)})" if value > 100 else \
                f"'{value}%' or '{value}bp' (that is {format_percent(value)})"
            raise UnitMissing(f"{value} has no unit; write {meant}: a bare number could mean either")
        bp = parse_percent(value) if isinstance(value, str) else _check_int(value, "a rate in basis points")
        if not 0 <= bp <= 10_000:
            raise ValueProblem(f"rate {bp} bp is outside 0%..100%")
        return bp
    if kind == "integer":
        return _check_int(value, "an integer")
    if kind == "boolean":
        if not isinstance(value, bool):
            raise ValueProblem(f"{value!r} is not true or false")
        return value
    if kind in ("text", "enum", "category"):
        if not isinstance(value, str):
            raise ValueProblem(f"{value!r} is not text")
        if "\x00" in value or len(value) > 1000 or not _encodable(value):
            raise ValueProblem("text must be valid Unicode under 1,000 characters, with no NUL character")
        if kind == "enum" and value not in spec.values:
            raise ValueProblem(f"{value!r} is not one of {', '.join(spec.values)}")
        if kind == "category" and value not in categories:
            raise ValueProblem(f"{value!r} is not a category of the taxonomy in policies.yaml")
        return value
    if kind == "date":
        return _parse_date(value)
    if kind == "datetime":
        return _parse_datetime(value)
    raise ValueProblem(f"unknown field type {kind!r}")


def iso_utc(moment: dt.datetime) -> str:
    """A time as ISO 8601 in UTC with a Z, the one way times leave the product."""
    return moment.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def iso_utc_or_none(moment: dt.datetime | None) -> str | None:
    """`iso_utc`, or None for a time not (yet) set."""
    return iso_utc(moment) if moment else None


def to_human(spec_type: str, value: EngineValue) -> str:
    """The engine value as a person reads it (used in explanations and API outputs)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        if spec_type == "money":
            return format_yuan(value)
        if spec_type == "rate":
            return format_percent(value)
        if spec_type == "date":
            return (EPOCH_DAY + dt.timedelta(days=value)).isoformat()
        if spec_type == "datetime":
            return _epoch_iso(value)
    return str(value)


@functools.lru_cache(maxsize=4_096)
def _epoch_iso(seconds: int) -> str:
    """`iso_utc` of a moment in epoch seconds, kept for the moments decisions repeat (a campaign's window, the
    second many orders were paid in)."""
    return iso_utc(dt.datetime.fromtimestamp(seconds, dt.UTC))


def to_json_value(spec_type: str, value: EngineValue) -> Any:
    """The engine value as it goes out at the API edge: money and rates as text, counts as numbers."""
    if spec_type in ("money", "date", "datetime"):
        return to_human(spec_type, value)
    return value


def describe_gap(spec_type: str, gap: int) -> str:
    """How far a value is from a threshold, in the field's own unit."""
    if spec_type == "money":
        return f"RMB {format_yuan(gap)}"
    if spec_type == "rate":
        return format_percent(gap)
    if spec_type == "date":
        return f"{gap} day" if gap == 1 else f"{gap} days"
    if spec_type == "datetime":
        hours, rest = divmod(gap, 3600)
        return f"{hours} h {rest // 60} min" if hours else f"{rest // 60} min {rest % 60} s"
    return str(gap)
