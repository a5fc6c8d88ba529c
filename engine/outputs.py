"""Resolve a rule's outputs against the facts: the only arithmetic of the program, in integers."""

from __future__ import annotations

from engine.fields import EngineValue
from engine.model import FromInput, Literal, OutputValue, PerUnitOf, Product, RateOf


def apply_rate(amount_fen: int, rate_bp: int) -> int:
    """amount x rate, rounded half-up to the fen (away from zero for refunds): 2890 x 1799 bp = 520."""
    product = abs(amount_fen) * rate_bp
    fen = (product + 5_000) // 10_000
    return -fen if amount_fen < 0 else fen


def per_unit_of(per_unit_fen: int, amount_fen: int, unit_price_fen: int) -> int:
    """per_unit x (amount / unit_price), rounded half-up to the fen: RMB 2.00 a unit on RMB 150.00 left of units at
    RMB 100.00 is RMB 3.00."""
    numerator = abs(per_unit_fen * amount_fen)
    fen = (2 * numerator + unit_price_fen) // (2 * unit_price_fen)
    return -fen if (per_unit_fen * amount_fen) < 0 else fen


def resolve(then: dict[str, OutputValue], values: dict[str, EngineValue]) -> dict[str, EngineValue]:
    out: dict[str, EngineValue] = {}
    for name, value in then.items():
        resolved = _resolve_one(value, values)
        if resolved is not None:
            out[name] = resolved
    return out


def _operand(value: Literal | FromInput, values: dict[str, EngineValue]) -> EngineValue | None:
    return value.value if isinstance(value, Literal) else values.get(value.field)


def _resolve_one(value: OutputValue, values: dict[str, EngineValue]) -> EngineValue | None:
    if isinstance(value, Literal | FromInput):
        return _operand(value, values)
    if isinstance(value, RateOf):
        rate, amount = _operand(value.rate, values), values.get(value.amount)
        if isinstance(rate, int) and isinstance(amount, int):
            return apply_rate(amount, rate)
        return None
    if isinstance(value, PerUnitOf):
        per_unit, amount = _operand(value.per_unit, values), values.get(value.amount)
        price = values.get(value.unit_price)
        if not all(isinstance(x, int) and not isinstance(x, bool) for x in (per_unit, amount, price)):
            return None
        assert isinstance(per_unit, int) and isinstance(amount, int) and isinstance(price, int)
        if price <= 0:
            return None
        return per_unit_of(per_unit, amount, price)
    assert isinstance(value, Product)
    total = 1
    for factor in value.factors:
        operand = _operand(factor, values)
        if not isinstance(operand, int) or isinstance(operand, bool):
            return None
        total *= operand
    return total
