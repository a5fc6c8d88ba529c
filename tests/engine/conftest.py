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
    return Evaluator(policy_set)
