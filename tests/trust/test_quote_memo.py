"""Memoized quote decisions are the decisions single evaluation gives, for any line, tier and moment, asked once
or again (the second answer comes from the memo)."""

from __future__ import annotations

import datetime as dt
import operator

from hypothesis import given, settings
from hypothesis import strategies as st

from engine import Evaluator, load_policy_set
from tests.commerce.helpers import ROOT_DIR
from workflows.commission import quote_memo
from workflows.commission.line_commission import LineInput, commission_facts, explain_commission, quote_lines

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
