from __future__ import annotations

from pathlib import Path

import pytest

from engine import Evaluator, PolicySet, load_policy_set

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def policy_set() -> PolicySet:
    return load_policy_set(ROOT)


@pytest.fixture(scope="session")
def evaluator(policy_set: PolicySet) -> Evaluator:
    """Every input goes to the engine: the engine's tests hold durable_rules itself to account (the service's
    evaluators answer a class of input the engine answered before without asking it, test_input_classes.py)."""
    return Evaluator(policy_set, remember_classes=False)


@pytest.fixture(scope="session")
def remembering(policy_set: PolicySet) -> Evaluator:
    """An evaluator as the service builds it: the engine answers each class of input once."""
    return Evaluator(policy_set)
