"""Golden files of the compiled shipped rulesets: a change to the compiler or the rules shows as a diff.

Regenerate after a deliberate change with: XIAOPU_UPDATE_GOLDEN=1 .venv/bin/pytest tests/engine/test_compiled_golden.py
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from engine import PolicySet
from engine.compiler import compile_policy

GOLDEN = Path(__file__).parent / "golden"
POLICIES = ["commission", "seller_tier", "supplier_entry", "listing_parity", "share_to_earn_reward",
            "share_to_earn_order_cap", "share_to_earn_allowance"]


@pytest.mark.parametrize("policy_id", POLICIES)
def test_compiled_ruleset_matches_golden(policy_set: PolicySet, policy_id: str) -> None:
    compiled = json.dumps(compile_policy(policy_set.policies[policy_id]), indent=1, sort_keys=True,
                          ensure_ascii=False) + "\n"
    path = GOLDEN / f"{policy_id}.json"
    if os.environ.get("XIAOPU_UPDATE_GOLDEN"):
        path.write_text(compiled, encoding="utf-8")
    assert compiled == path.read_text(encoding="utf-8")
