"""A whole quote's answer memoized per policy version and basket: a storefront asks the same basket on every view
of a product, and its lines, their commission and their explanation can only change with the version that judges
them or the lines' facts (quote_memo.py memoizes each line; this skips even the per-line steps on a repeat).

A basket is answered from this memo only where every line would be judged by the one version in force at
`as_of`: not when the commission policy reads the moment (`as_of`) or names a fact that picks its version, and
not while a shadow candidate runs (it must see every decision). Otherwise, and on a first ask, the lines are
quoted one by one (`quote_lines`). tests/trust/test_quote_memo.py proves both answers the same.

The memo holds plain data the garbage collector does not follow: each key a tuple of strings and numbers (the
version's label and content hash, the tier, each line's terms), each answer its lines as JSON bytes. Held as
objects (a `QuotedBasket` of dicts and lists per entry), a full memo was ~180,000 objects more for every full
collection to walk: 300 ms pauses every second or two under quotes of ever new baskets (docs/operations.md)."""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

import orjson

from engine import Evaluator, PolicyEvaluator
from engine.fields import format_yuan
from workflows.commission.line_commission import LineInput, quote_lines
from workflows.commission.quote_memo import reads_as_of
from workflows.policies.registry import PolicyRegistry

POLICY = "commission"
CAPACITY = 20_000  # baskets, each a few hundred bytes the garbage collector does not follow


@dataclass(frozen=True)
class QuotedBasket:
    """What a quote answers, but its moment: each line (sku, commission in yuan, rate, rules, explanation),
    the version that judged them and the total in fen."""

    version: str
    items: list[dict[str, Any]]
    total_fen: int


_baskets: OrderedDict[tuple[Any, ...], tuple[str, bytes, int]] = OrderedDict()  # key -> version, items, total


def quote_basket(evaluator: PolicyEvaluator, lines: list[LineInput], tier: str | None,
                 as_of: dt.datetime) -> QuotedBasket:
    return quote_keyed_basket(evaluator, lines, tier, as_of, basket_key(evaluator, lines, tier, as_of))


def quote_keyed_basket(evaluator: PolicyEvaluator, lines: list[LineInput], tier: str | None, as_of: dt.datetime,
                       key: tuple[Any, ...] | None) -> QuotedBasket:
    """`quote_basket` for a caller that worked out the basket's key already (`basket_key`; None: not memoized)."""
    if key is not None and (found := _baskets.get(key)) is not None:
        _baskets.move_to_end(key)
        version, items, total_fen = found
        return QuotedBasket(version, orjson.loads(items), total_fen)
    quoted = quote_lines(evaluator, lines, tier, as_of)
    versions = sorted({line.decision.version for line in quoted})  # one: every line is decided at the same as_of
    basket = QuotedBasket(
        version=versions[0] if versions else evaluator.policy_set.label,
        items=[{"sku": line.sku, "commission": format_yuan(q.commission_fen), "rate_bp": q.rate_bp,
                "rules": q.rules, "explanation": q.explanation} for line, q in zip(lines, quoted, strict=True)],
        total_fen=sum(q.commission_fen for q in quoted))
    if key is not None:
        _baskets[key] = (basket.version, orjson.dumps(basket.items), basket.total_fen)
        if len(_baskets) > CAPACITY:
            _baskets.popitem(last=False)
    return basket


def basket_key(evaluator: PolicyEvaluator, lines: list[LineInput], tier: str | None, as_of: dt.datetime
               ) -> tuple[Any, ...] | None:
    """What a basket's answer depends on but its moment (the version judging it and its text, the tier, every line
    with its listing's terms), when its answer may be memoized at `as_of`; else None."""
    judge = _sole_judge(evaluator, as_of)
    if judge is None:
        return None
    return judge.policy_set.label, judge.policy_set.content_hash, tier, *map(_terms, lines)


def _terms(line: LineInput) -> tuple[str | int | None, ...]:
    return (line.sku, line.category, line.price_fen, line.quantity, line.supplier_id, line.supplier_rate_bp,
            line.supplier_amount_fen)


def _sole_judge(evaluator: PolicyEvaluator, as_of: dt.datetime) -> Evaluator | None:
    """The version that judges every line of a basket at `as_of`, when a memoized answer is allowed; else None."""
    if isinstance(evaluator, PolicyRegistry):
        if evaluator.shadow.run_id is not None:
            return None
        judge = evaluator.at(as_of)
    elif isinstance(evaluator, Evaluator):
        judge = evaluator
    else:
        return None
    if judge.policy(POLICY).rules_in_force_at or reads_as_of(judge, POLICY):
        return None
    return judge


def forget() -> None:
    _baskets.clear()
