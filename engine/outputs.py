"""Resolve a rule's outputs against the facts: the only arithmetic of the program, in integers."""

from __future__ import annotations

from engine.fields import EngineValue
from engine.model import FromInput, Literal, OutputValue, Product, RateOf


def apply_rate(amount_fen: int, rate_bp: int) -> int:
    """amount x rate, rounded half-up to the fen (away from zero for refunds): 2890 x 1799 bp = 520."""
    product = abs(amount_fen) * rate_bp
    fen = (product + 5_000) // 10_000
    return -fen if amount_fen < 0 else fen


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
    assert isinstance(value, Product)
    total = 1
    for factor in value.factors:
        operand = _operand(factor, values)
        if not isinstance(operand, int) or isinstance(operand, bool):
            return None
        total *= operand
    return total
