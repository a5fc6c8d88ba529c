"""`xiaopu lint` finds planted overlaps, gaps and rules that never fire, each with a concrete input."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cli.main import main
from engine import load_policy_set
from engine.lint import lint

HERE = Path(__file__).parent / "lint"
ROOT = Path(__file__).resolve().parents[2]


def fixture_set(tmp_path: Path, name: str) -> Path:
    (tmp_path / "rules").mkdir()
    shutil.copy(HERE / "manifest.yaml", tmp_path / "policies.yaml")
    shutil.copy(HERE / f"{name}.yaml", tmp_path / "rules" / "case.yaml")
    return tmp_path


def test_planted_overlap_is_found_with_the_input(tmp_path: Path) -> None:
    [finding] = lint(load_policy_set(fixture_set(tmp_path, "overlap")))
    assert (finding.code, finding.line) == ("lint_overlap", 15)  # the second row of the pair
    assert "'medium' and 'large'" in finding.message
    assert finding.example == {"price": "500.00"}


def test_planted_gap_is_found_with_the_input(tmp_path: Path) -> None:
    [finding] = lint(load_policy_set(fixture_set(tmp_path, "gap")))
    assert finding.code == "lint_gap"
    assert finding.example == {"price": "100.00"}
    assert str(finding).startswith("rules/case.yaml:3:1: lint_gap: price_band_rate: no rule answers")


def test_rules_that_can_never_fire(tmp_path: Path) -> None:
    findings = lint(load_policy_set(fixture_set(tmp_path, "never_fires")))
    assert [(f.code, f.message.split("rule ")[1]) for f in findings] == [
        ("lint_never_fires", "'fruit' is always preceded by 'food'"),
        ("lint_never_fires", "'impossible' matches no input")]
    assert findings[0].example == {"category": "fresh_fruit", "price": "0.00"}  # an input 'food' answers first


def test_shipped_rules_are_lint_clean() -> None:
    assert lint(load_policy_set(ROOT)) == []


@pytest.mark.parametrize(("name", "code"), [("overlap", "lint_overlap"), ("gap", "lint_gap")])
def test_lint_command_and_test_fail_on_findings(tmp_path: Path, name: str, code: str,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    path = str(fixture_set(tmp_path, name))
    assert main(["lint", path]) == 1
    assert f": {code}: " in capsys.readouterr().out
    assert main(["test", path]) == 1
    assert "lint findings: 1" in capsys.readouterr().out


def test_value_lists_on_text_inputs_are_read(tmp_path: Path) -> None:
    """`in` lists on a text input: the rules fire on the values they list (no false 'never fires'), and the
    value two rules both list (douyin) is a real overlap, shown with that input."""
    findings = lint(load_policy_set(fixture_set(tmp_path, "text_lists")))
    assert [(f.code, f.example) for f in findings] == [("lint_overlap", {"channel": "douyin"})]
