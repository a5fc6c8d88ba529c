"""A policy set of one rule file under the fixtures' manifest, for tests of one semantic rule."""

from __future__ import annotations

from pathlib import Path

from engine import Evaluator, load_policy_set
from tests.engine.test_invalid_policies import MANIFEST


def one_file_evaluator(root: Path, rules: str, manifest: str = MANIFEST) -> Evaluator:
    (root / "rules").mkdir()
    (root / "policies.yaml").write_text(manifest, encoding="utf-8")
    (root / "rules" / "case.yaml").write_text(rules, encoding="utf-8")
    return Evaluator(load_policy_set(root))
