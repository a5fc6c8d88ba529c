"""The dispute lifecycle in rules/disputes.yaml is a coherent state machine, checked through the engine
over every combination of state, event, actor and case type."""

from __future__ import annotations

import datetime as dt
import itertools
from collections import deque

import pytest

from engine import Evaluator

AS_OF = dt.datetime(2026, 11, 24, tzinfo=dt.UTC)
START, TERMINAL = "awaiting_supplier", "final"


@pytest.fixture(scope="module")
def transitions(evaluator: Evaluator) -> dict[tuple[str, str, str, str, int], dict[str, object]]:
    """Every (state, event, actor, case type, appeals made: none or one) the table answers, with its outputs;
    evaluating all of them also proves the `unique` table never has two rows for one combination (that would
    raise)."""
    inputs = evaluator.policy("dispute_lifecycle").inputs
    found = {}
    for combo in itertools.product(*(inputs[f].values for f in ("state", "event", "actor", "case_type")), (0, 1)):
        facts = dict(zip(("state", "event", "actor", "case_type", "appeals_made"), combo, strict=True))
        decision = evaluator.evaluate("dispute_lifecycle", facts, as_of=AS_OF)
        if decision.matched:
            found[combo] = decision.outputs
    return found


def test_every_state_is_reachable_from_an_opened_dispute(transitions: dict, evaluator: Evaluator) -> None:
    states = set(evaluator.policy("dispute_lifecycle").inputs["state"].values)
    seen, todo = {START}, deque([START])
    while todo:
        state = todo.popleft()
        for (s, *_), out in transitions.items():
            if s == state and out["next_state"] not in seen:
                seen.add(str(out["next_state"]))
                todo.append(str(out["next_state"]))
    assert seen == states


def test_every_deadline_has_a_timeout_transition_for_every_case_type(transitions: dict,
                                                                     evaluator: Evaluator) -> None:
    case_types = evaluator.policy("dispute_lifecycle").inputs["case_type"].values
    owing = {(str(o["next_state"]), c) for o in transitions.values() if int(str(o["deadline_hours"])) > 0
             for c in case_types}
    missing = [(s, c, appeals) for s, c in sorted(owing) for appeals in (0, 1)
               if (s, "deadline_expired", "system", c, appeals) not in transitions]
    assert missing == []


def test_deadline_and_debtor_go_together(transitions: dict) -> None:
    for key, out in transitions.items():
        assert (int(str(out["deadline_hours"])) == 0) == (out["owed_by"] == "none"), key


def test_final_takes_no_event_and_only_the_system_times_out(transitions: dict) -> None:
    assert [k for k in transitions if k[0] == TERMINAL] == []
    assert {k[2] for k in transitions if k[1] == "deadline_expired"} == {"system"}
    assert [k for k in transitions if k[1] != "deadline_expired" and k[2] == "system"] == []


def test_only_counterfeit_findings_deduct_the_deposit(transitions: dict) -> None:
    deducting = {(k[1], k[3]) for k, out in transitions.items() if out["deposit_deduction"] != 0}
    assert deducting == {("arbitration_for_buyer", "counterfeit")}


def test_only_an_appeal_decided_for_the_supplier_gives_back_what_the_case_took(transitions: dict) -> None:
    returning = {(k[1], k[4]) for k, out in transitions.items() if out.get("deposit_returned") == "what_the_case_took"}
    assert returning == {("arbitration_for_supplier", 1)}
