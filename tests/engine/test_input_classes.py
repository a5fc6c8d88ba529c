"""The engine answers each class of input once per version (engine/evaluator.py): inputs alike in the outcome of
every test the rules make fire the same rules. Every decision is still the one the engine, asked every time,
gives: outputs, explanations and refusals alike, on every shipped policy."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import engine.evaluator as evaluator_module
from engine import Evaluator, PolicySet, load_policy_set
from engine.errors import PolicyError
from engine.runtime import EngineRuntime
from tests.engine.conftest import ROOT
from tests.engine.random_facts import random_facts

# moments either side of the shipped thresholds that read the moment (the 12.12 window, a new year)
MOMENTS = [dt.datetime(2026, 12, 1, tzinfo=dt.UTC), dt.datetime(2026, 12, 8, 2, tzinfo=dt.UTC),
           dt.datetime(2026, 12, 12, 16, tzinfo=dt.UTC), dt.datetime(2027, 1, 1, tzinfo=dt.UTC)]
WINDOW = {"window_start": dt.datetime(2026, 12, 6, 16, tzinfo=dt.UTC),
          "window_end": dt.datetime(2026, 12, 12, 16, tzinfo=dt.UTC)}


def answer(evaluator: Evaluator, policy_id: str, facts: dict[str, Any], as_of: dt.datetime, explain: bool
           ) -> tuple[str, Any]:
    """The decision as JSON, or the refusal (its kind and words)."""
    try:
        return "decision", evaluator.evaluate(policy_id, facts, as_of=as_of, explain=explain).to_dict()
    except PolicyError as exc:
        return type(exc).__name__, str(exc)


@pytest.mark.parametrize("policy_id", sorted(load_policy_set(ROOT).policies))
def test_remembered_classes_decide_as_the_engine_asked_every_time(policy_set: PolicySet, evaluator: Evaluator,
                                                                  remembering: Evaluator, policy_id: str) -> None:
    policy = policy_set.policies[policy_id]
    categories = sorted(policy_set.taxonomy.categories)

    @settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(facts=random_facts(policy, categories), as_of=st.sampled_from(MOMENTS), explain=st.booleans())
    def check(facts: dict[str, Any], as_of: dt.datetime, explain: bool) -> None:
        want = answer(evaluator, policy_id, facts, as_of, explain)
        assert answer(remembering, policy_id, facts, as_of, explain) == want, (policy_id, facts)

    check()


def counting(runtime: EngineRuntime) -> list[str]:
    """The rulesets the engine is asked to fire, one entry a call."""
    asked: list[str] = []
    fire = runtime.fire

    def counted(name: str, values: dict[str, Any], mode: str) -> list[str]:
        asked.append(name)
        return fire(name, values, mode)

    runtime.fire = counted  # type: ignore[method-assign]
    return asked


def reward_facts(minute: int, amount_fen: int, category: str = "fresh_fruit") -> dict[str, Any]:
    paid_at = WINDOW["window_start"] + dt.timedelta(minutes=minute)
    return {**WINDOW, "paid_at": paid_at, "category": category, "line_amount": amount_fen, "attributed": True,
            "self_purchase": False}


def test_the_engine_is_asked_once_per_class_not_once_per_input(policy_set: PolicySet) -> None:
    runtime = EngineRuntime()
    asked = counting(runtime)
    remembering = Evaluator(policy_set, runtime)
    try:
        for n in range(300):  # each a different moment and amount (under RMB 50)
            decision = remembering.evaluate("share_to_earn_reward", reward_facts(n * 17, 100 + n * 13),
                                            as_of=WINDOW["window_start"])
            assert decision.fired_ids == ["core_goods_reward"]
            assert decision.outputs["reward"] == (2 * (100 + n * 13) + 50) // 100  # 2% of this line, rounded
        assert len(asked) == 1
        late = remembering.evaluate("share_to_earn_reward", reward_facts(6 * 24 * 60, 500), as_of=WINDOW["window_end"])
        assert late.fired_ids == ["outside_campaign_window"]
        assert len(asked) == 2  # a new class: the engine decides it
    finally:
        remembering.close()


def test_every_input_goes_to_the_engine_when_asked_so(policy_set: PolicySet) -> None:
    runtime = EngineRuntime()
    asked = counting(runtime)
    every_time = Evaluator(policy_set, runtime, remember_classes=False)
    try:
        for n in range(5):
            every_time.evaluate("share_to_earn_reward", reward_facts(n, 100), as_of=WINDOW["window_start"])
        assert len(asked) == 5
    finally:
        every_time.close()


def test_a_policy_with_many_tests_goes_to_the_engine_every_time(policy_set: PolicySet,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Telling a large table's classes apart would cost what the engine does: it is asked every time."""
    monkeypatch.setattr(evaluator_module, "CLASS_TESTS", 6)  # the reward policy makes 7 tests
    runtime = EngineRuntime()
    asked = counting(runtime)
    remembering = Evaluator(policy_set, runtime)
    try:
        for n in range(3):
            remembering.evaluate("share_to_earn_reward", reward_facts(n, 100), as_of=WINDOW["window_start"])
            remembering.evaluate("share_to_earn_allowance", {"sharer_earned": n}, as_of=WINDOW["window_start"])
        assert asked.count(remembering.names["share_to_earn_reward"][0]) == 3
        assert asked.count(remembering.names["share_to_earn_allowance"][0]) == 1  # one test: remembered
    finally:
        remembering.close()


def test_classes_remembered_are_bounded(policy_set: PolicySet, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(evaluator_module, "CLASSES", 2)
    runtime = EngineRuntime()
    asked = counting(runtime)
    remembering = Evaluator(policy_set, runtime)
    try:
        classes = [reward_facts(1, 100), reward_facts(1, 100, "cosmetics"), {**reward_facts(1, 100),
                                                                           "attributed": False}]
        for _ in range(2):
            for facts in classes:
                remembering.evaluate("share_to_earn_reward", facts, as_of=WINDOW["window_start"])
        assert len(asked) == 4  # two remembered, the third class asked both times
        assert len(remembering._classes["share_to_earn_reward"].fired) == 2
    finally:
        remembering.close()
