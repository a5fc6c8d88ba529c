"""Each durable_rules hazard the runtime guards against (../shared/durable_rules.md), pinned by a test."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest
from durable import engine as durable_engine
from hypothesis import given, settings
from hypothesis import strategies as st

from engine import EvaluationError, Evaluator, FactError, PolicySet
from engine.compiler import compile_policy
from engine.fields import INT64_MAX, INT64_MIN
from engine.runtime import EngineJson, EngineRuntime, check_engine_values

ROOT = Path(__file__).resolve().parents[2]
AS_OF = dt.datetime(2026, 11, 23, tzinfo=dt.UTC)


def rss_kib() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024


def run_child(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)


def test_ten_thousand_evaluations_keep_memory_flat_and_answers_right(policy_set: PolicySet) -> None:
    runtime = EngineRuntime()
    evaluator = Evaluator(policy_set, runtime, remember_classes=False)  # every evaluation is the engine's
    before_rulesets = runtime.registered

    def batch(n: int) -> None:
        for i in range(n):
            d = evaluator.evaluate("wanted_goods", {"category": "fresh_fruit", "gross_margin_bp": 4500,
                                                    "brand_recognized": i % 2 == 0, "price": 2890}, as_of=AS_OF)
            assert d.outputs["score"] == (4 if i % 2 == 0 else 3)  # identical facts asserted again still fire
            q = evaluator.evaluate("commission", {"category": "snacks", "price": 100 + i, "quantity": 1},
                                   as_of=AS_OF)
            assert q.outputs["commission"] == (15 * (100 + i) + 50) // 100

    batch(1_000)  # warm-up: allocator pools, caches
    start = rss_kib()
    batch(10_000)
    grown = rss_kib() - start
    assert grown < 4_096, f"memory grew by {grown} KiB over 10,000 evaluations"
    assert runtime.registered == before_rulesets  # no session or ruleset left behind
    evaluator.close()
    assert runtime.registered == frozenset()


def test_eight_threads_each_get_their_own_answer(evaluator: Evaluator) -> None:
    wrong: list[tuple[int, int, int]] = []

    def worker(k: int) -> None:
        for i in range(300):
            price = 1000 * (k + 1) + i
            d = evaluator.evaluate("commission", {"category": "cosmetics", "price": price, "quantity": 1},
                                   as_of=AS_OF)
            expected = (price * 2000 + 5000) // 10000
            if d.outputs["commission"] != expected or d.facts["price"] != price:
                wrong.append((k, i, int(d.outputs["commission"])))

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert wrong == []


def test_raw_engine_crashes_on_cleanup_after_no_match_but_runtime_does_not() -> None:
    """The hazard is real (the raw engine segfaults), and the catch-all rule removes it."""
    raw = run_child("""
        from durable import engine
        class H(engine.Host):
            def _run(self): pass
        h = H()
        h.set_rulesets({'r': {'a': {'all': [{'m': {'x': 1}}], 'run': lambda c: None}}})
        try:
            h.post('r', {'sid': 's', 'x': 2})
        except engine.MessageNotHandledException:
            pass
        h.delete_state('r', 's')
        print('survived')
    """)
    assert raw.returncode != 0 and "survived" not in raw.stdout
    guarded = run_child("""
        from engine import Evaluator, load_policy_set
        from engine.runtime import EngineRuntime
        rt = EngineRuntime()
        ev = Evaluator(load_policy_set('.'), rt)
        d = ev.evaluate('maker_badge', {'panel_score': 1, 'panel_size': 5, 'dispute_rate_bp': 0})
        assert not d.matched
        ev.close()
        print('survived', sorted(rt.registered))
    """)
    assert guarded.returncode == 0, guarded.stderr
    assert "survived []" in guarded.stdout


@pytest.mark.parametrize(("facts", "field"), [
    pytest.param({"category": "snacks", "price": 2**70, "quantity": 1}, "price", id="oversized-money"),
    pytest.param({"category": "snacks", "price": 100, "quantity": 2**64}, "quantity", id="int-beyond-int64"),
    pytest.param({"category": "snacks", "price": 28.9, "quantity": 1}, "price", id="float-money"),
    pytest.param({"category": "snacks", "price": 100, "quantity": 1.0}, "quantity", id="float-count"),
    pytest.param({"category": "snacks", "price": "1e5", "quantity": 1}, "price", id="exponent-text"),
    pytest.param({"category": "snacks", "price": 100, "quantity": True}, "quantity", id="bool-as-int"),
    pytest.param({"category": "snacks\x00", "price": 100, "quantity": 1}, "category", id="nul-in-text"),
    pytest.param({"category": "snacks\ud800", "price": 100, "quantity": 1}, "category", id="lone-surrogate"),
    pytest.param({"category": "snacks", "price": 100, "quantity": 1, "sid": "x"}, "sid", id="engine-key"),
    pytest.param({"category": "snacks", "price": 100}, "quantity", id="missing-required"),
])
def test_bad_values_are_refused_before_the_engine(evaluator: Evaluator, facts: dict[str, object],
                                                  field: str) -> None:
    with pytest.raises(FactError) as err:
        evaluator.evaluate("commission", facts, as_of=AS_OF)
    assert field in [name for name, _ in err.value.problems]


def test_product_overflowing_int64_is_refused(evaluator: Evaluator) -> None:
    with pytest.raises(FactError, match="line_amount"):
        evaluator.evaluate("commission", {"category": "snacks", "price": 10**15, "quantity": 2**62}, as_of=AS_OF)


@pytest.mark.parametrize("value", [1.5, 2**63, float("nan"), None, [1]], ids=repr)
def test_last_line_of_defence_refuses_non_engine_values(value: object) -> None:
    with pytest.raises(EvaluationError):
        check_engine_values({"x": value})


def test_hot_reload_cycles_free_their_rulesets(policy_set: PolicySet) -> None:
    runtime = EngineRuntime()
    policy = policy_set.policies["commission"]
    compiled = compile_policy(policy)

    def cycle(n: int) -> None:
        for i in range(n):
            name = f"commission@reload{i}"
            runtime.register(name, compiled)
            assert runtime.fire(name, {"category": "fresh_fruit", "price": 2890, "quantity": 1,
                                       "line_amount": 2890}, "post")[0] == "fresh_fruit_rate"
            runtime.drop(name)

    cycle(50)
    start = rss_kib()
    cycle(300)
    assert rss_kib() - start < 8_192
    assert runtime.registered == frozenset()


def test_shared_ruleset_survives_until_its_last_user_closes(policy_set: PolicySet) -> None:
    runtime = EngineRuntime()
    first, second = Evaluator(policy_set, runtime), Evaluator(policy_set, runtime)
    first.close()
    assert second.evaluate("campaign_terms", {}, as_of=AS_OF).matched
    second.close()
    assert runtime.registered == frozenset()


def test_compile_does_not_mutate_and_registration_copies(policy_set: PolicySet) -> None:
    compiled = compile_policy(policy_set.policies["seller_tier"])
    snapshot = repr(compiled)
    runtime = EngineRuntime()
    runtime.register("seller_tier@copy", compiled)
    assert repr(compiled) == snapshot  # set_rulesets mutates what it is given; we gave it a copy
    runtime.drop("seller_tier@copy")


def test_shipped_rules_compile_in_a_fresh_engine(policy_set: PolicySet) -> None:
    """Compiling the whole shipped set finishes (the engine hangs on oversized rulesets, e7c); the time
    is printed for the record, and measured properly by bench/engine.py."""
    result = run_child("""
        import time
        from engine import Evaluator, load_policy_set
        from engine.runtime import EngineRuntime
        ps = load_policy_set('.')
        t = time.perf_counter(); Evaluator(ps, EngineRuntime()); print(time.perf_counter() - t)
    """)
    assert result.returncode == 0, result.stderr
    print(f"compiled {len(policy_set.policies)} policies in {float(result.stdout) * 1000:.1f} ms")


def test_a_rule_matching_on_two_or_branches_fires_once(evaluator: Evaluator) -> None:
    """Asserting a fact runs the action once per matching `$or` branch; the runtime reports one firing."""
    facts = {"uscc": "91330100MA2AXXXX07", "uscc_check_character_valid": True,
             "entity_kind": "brand", "registered_capital": "1000000.00",
             "taxpayer_type": "general", "deposit_paid": "10000.00", "has_brand_authorization": False,
             "authorization_chain_depth": 2, "vouchers_traceable": True, "categories_outside_core": 0}
    d = evaluator.evaluate("supplier_entry", facts, as_of=AS_OF, money_ints_are_fen=False)
    assert d.fired_ids.count("authorization_chain_max_3") == 1
    assert d.outputs == {"passed": True}


ENGINE_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)  # no lone surrogates: refused before
ENGINE_VALUES = st.one_of(ENGINE_TEXT, st.booleans(), st.integers(INT64_MIN, INT64_MAX))


@settings(max_examples=300, deadline=None)
@given(message=st.dictionaries(ENGINE_TEXT, ENGINE_VALUES, max_size=8))
def test_what_crosses_into_the_engine_is_the_json_it_was_given_before(message: dict[str, object]) -> None:
    """durable's engine writes and reads its JSON with EngineJson (orjson): for what may cross (text, booleans,
    int64; check_engine_values), the same values as `json` wrote, both ways."""
    check_engine_values(dict(message))
    written = EngineJson.dumps(message, ensure_ascii=False)
    assert json.loads(written) == message == EngineJson.loads(json.dumps(message, ensure_ascii=False))
    assert durable_engine.json is EngineJson  # the engine module uses it


def test_every_compiled_ruleset_holds_only_what_crosses_as_the_same_json(policy_set: PolicySet) -> None:
    """The compiled rulesets go to the C code through the same writer: no float, no value json and orjson write
    differently."""
    def plain(value: object) -> bool:
        if isinstance(value, dict):
            return all(isinstance(k, str) and plain(v) for k, v in value.items())
        if isinstance(value, list):
            return all(plain(v) for v in value)
        return value is None or isinstance(value, str | bool) or (
            isinstance(value, int) and INT64_MIN <= value <= INT64_MAX)

    compiled = [compile_policy(policy) for policy in policy_set.policies.values()]
    assert compiled and all(plain(rules) for rules in compiled)
    assert all(json.loads(EngineJson.dumps(rules)) == rules for rules in compiled)
