"""Memoized quote decisions and memoized baskets are what single evaluation gives, for any line, basket, tier and
moment, asked once or again (the second answer comes from the memo); a running shadow candidate sees every line."""

from __future__ import annotations

import datetime as dt
import gc
import operator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine import Decision, Evaluator, load_policy_set
from engine.fields import format_yuan
from tests.commerce.helpers import ROOT_DIR
from workflows.commission import quote_baskets, quote_memo
from workflows.commission.line_commission import (
    CommissionExceedsLine,
    LineInput,
    commission_facts,
    commission_fen,
    explain_commission,
    quote_lines,
)
from workflows.policies.registry import PolicyRegistry
from workflows.policies.shadow import ShadowRecorder

EVALUATOR = Evaluator(load_policy_set(ROOT_DIR))
RULES = operator.attrgetter("fired_ids")  # what a caller derives from a decision (once per memoized one)
CATEGORIES = ["fresh_fruit", "snacks", "cosmetics", "baby_care", "womens_clothing", "shoes", "electronics"]

lines = st.builds(LineInput, sku=st.just("X"), category=st.sampled_from(CATEGORIES),
                  price_fen=st.integers(1, 10**8), quantity=st.integers(1, 50),
                  supplier_rate_bp=st.one_of(st.none(), st.integers(0, 10_000)),
                  supplier_amount_fen=st.one_of(st.none(), st.integers(0, 100)))
moments = st.datetimes(min_value=dt.datetime(2026, 1, 1), max_value=dt.datetime(2027, 12, 31),
                       timezones=st.just(dt.UTC))


@settings(max_examples=300, deadline=None)
@given(line=lines, tier=st.sampled_from([None, "trial", "L1"]), as_of=moments, again=moments)
def test_a_memoized_decision_is_the_single_evaluation(line: LineInput, tier: str | None, as_of: dt.datetime,
                                                       again: dt.datetime) -> None:
    facts = commission_facts(line, tier)
    for moment in (as_of, again):  # the second ask may come from the memo, at another moment
        memoized, _ = quote_memo.memoized_answer(EVALUATOR, "commission", facts, moment, "items.0", RULES)
        single = EVALUATOR.evaluate("commission", facts, as_of=moment)
        assert (memoized.outputs, memoized.fired_ids, memoized.version, memoized.as_of) == (
            single.outputs, single.fired_ids, single.version, single.as_of)
        assert memoized.to_dict()["fired"] == single.to_dict()["fired"]


def test_the_memo_answers_a_repeated_line_without_evaluating_it_again() -> None:
    quote_memo.forget()
    facts = commission_facts(LineInput("A", "fresh_fruit", 2890, 1), None)
    first, second = (quote_memo.memoized_answer(EVALUATOR, "commission", facts,
                                                dt.datetime(2026, 12, day, tzinfo=dt.UTC), "x", RULES)[0]
                     for day in (1, 2))
    assert second.fired is first.fired and first.outputs["commission"] == 520  # taken from the memo
    assert second.as_of == dt.datetime(2026, 12, 2, tzinfo=dt.UTC)  # bearing its own moment


def test_a_quoted_line_is_explained_once_and_then_taken_from_the_memo() -> None:
    quote_memo.forget()
    line = LineInput("A", "fresh_fruit", 2890, 1)
    first, second = (quote_lines(EVALUATOR, [line], None, dt.datetime(2026, 12, day, tzinfo=dt.UTC))[0]
                     for day in (1, 2))
    assert second.explanation is first.explanation  # worked out once, for the first ask
    assert (second.commission_fen, second.rate_bp, second.rules) == (520, 1799, ["fresh_fruit_rate"])
    assert second.decision.as_of == dt.datetime(2026, 12, 2, tzinfo=dt.UTC)
    single = EVALUATOR.evaluate("commission", commission_facts(line, None), as_of=second.decision.as_of)
    assert second.explanation == explain_commission(single)


def single_basket(lines_: list[LineInput], tier: str | None, as_of: dt.datetime) -> tuple[Any, ...]:
    """A basket's answer from single evaluation, line by line."""
    decisions = [EVALUATOR.evaluate("commission", commission_facts(line, tier), as_of=as_of) for line in lines_]
    items = [{"sku": line.sku, "commission": format_yuan(commission_fen(d)), "rate_bp": d.outputs.get("rate_bp"),
              "rules": d.fired_ids, "explanation": explain_commission(d)}
             for line, d in zip(lines_, decisions, strict=True)]
    return EVALUATOR.policy_set.label, items, sum(commission_fen(d) for d in decisions)


@settings(max_examples=150, deadline=None)
@given(basket=st.lists(lines, min_size=1, max_size=4), tier=st.sampled_from([None, "trial", "L1"]), as_of=moments,
       again=moments)
def test_a_memoized_basket_is_the_single_evaluation_of_its_lines(basket: list[LineInput], tier: str | None,
                                                                 as_of: dt.datetime, again: dt.datetime) -> None:
    for moment in (as_of, again):  # the second ask comes from the memo, at another moment
        try:
            expected = single_basket(basket, tier, moment)
        except CommissionExceedsLine:  # a supplier's amount above what the line leaves: refused either way
            with pytest.raises(CommissionExceedsLine):
                quote_baskets.quote_basket(EVALUATOR, basket, tier, moment)
            continue
        answer = quote_baskets.quote_basket(EVALUATOR, basket, tier, moment)
        assert (answer.version, answer.items, answer.total_fen) == expected


def counting_lines(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many lines were quoted one by one (a memoized basket quotes none)."""
    quoted: list[int] = []
    one_by_one = quote_baskets.quote_lines

    def counting(evaluator: Any, lines_: list[LineInput], *args: Any) -> Any:
        quoted.append(len(lines_))
        return one_by_one(evaluator, lines_, *args)

    monkeypatch.setattr(quote_baskets, "quote_lines", counting)
    return quoted


def test_a_repeated_basket_is_answered_from_the_memo_without_its_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    quote_baskets.forget()
    quoted = counting_lines(monkeypatch)
    basket = [LineInput("A", "fresh_fruit", 2890, 1), LineInput("B", "shoes", 45900, 1)]
    first = quote_baskets.quote_basket(EVALUATOR, basket, None, dt.datetime(2026, 12, 1, tzinfo=dt.UTC))
    second = quote_baskets.quote_basket(EVALUATOR, list(basket), None, dt.datetime(2026, 12, 2, tzinfo=dt.UTC))
    assert second == first and first.total_fen == 520 + 4590 and quoted == [2]
    quote_baskets.quote_basket(EVALUATOR, basket, "L1", dt.datetime(2026, 12, 2, tzinfo=dt.UTC))
    assert quoted == [2, 2]  # another tier is another basket


def test_the_memos_hold_what_the_garbage_collector_does_not_follow() -> None:
    """A full memo must not lengthen every full collection (300 ms pauses under new baskets, before)."""
    quote_baskets.forget()
    quote_memo.forget()
    gc.collect()
    before = len(gc.get_objects())
    moment = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
    for n in range(5_000):
        quote_baskets.quote_basket(EVALUATOR, [LineInput("A", "fresh_fruit", 1000 + n, 1)], None, moment)
    gc.collect()
    assert len(quote_baskets._baskets) == 5_000
    assert len(gc.get_objects()) - before < 20 * quote_memo.CAPACITY  # the lines' memo, bounded; baskets: nothing


class CountingShadow(ShadowRecorder):
    def __init__(self) -> None:
        super().__init__()
        self.seen = 0

    def compare(self, decision: Decision, facts: Any, money_ints_are_fen: bool) -> None:
        self.seen += self.run_id is not None  # what a running candidate is shown


def test_a_running_shadow_candidate_sees_every_line_of_every_quote(monkeypatch: pytest.MonkeyPatch) -> None:
    quote_baskets.forget()
    registry = PolicyRegistry(EVALUATOR)
    registry.shadow = shadow = CountingShadow()
    shadow.follow(1, EVALUATOR)
    basket = [LineInput("A", "fresh_fruit", 2890, 1), LineInput("B", "shoes", 45900, 1)]
    for day in (1, 2, 3):
        quote_baskets.quote_basket(registry, basket, None, dt.datetime(2026, 12, day, tzinfo=dt.UTC))
    assert shadow.seen == 6
    shadow.follow(None, None)  # the run ended: repeated baskets come from the memo again
    quoted = counting_lines(monkeypatch)
    for day in (4, 5):
        quote_baskets.quote_basket(registry, basket, None, dt.datetime(2026, 12, day, tzinfo=dt.UTC))
    assert quoted == [2] and shadow.seen == 6
