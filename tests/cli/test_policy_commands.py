"""`xiaopu validate`, `xiaopu test` and `xiaopu eval` as a policy team uses them."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest

from cli.main import main
from engine import load_policy_set

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def policy_copy(tmp_path: Path) -> Path:
    shutil.copy(ROOT / "policies.yaml", tmp_path / "policies.yaml")
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    return tmp_path


def test_validate_reports_the_shipped_set(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(ROOT)]) == 0
    shipped = load_policy_set(ROOT)
    rules = sum(len(p.rules) for p in shipped.policies.values())
    assert f"{shipped.label}: {len(shipped.policies)} policies, {rules} rules, valid" in capsys.readouterr().out


def test_validate_prints_every_problem_as_file_line(policy_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = policy_copy / "rules" / "commission.yaml"
    path.write_text(path.read_text().replace("hit_policy: first", "hit_policy: frist", 1)
                    .replace("category: fresh_fruit\n", "category: fresh_fruits\n", 1))
    assert main(["validate", str(policy_copy)]) == 1
    err = capsys.readouterr().err
    assert "rules/commission.yaml:11:5: invalid_hit_policy: hit policy 'frist'" in err
    assert 'did you mean "first"?' in err
    assert "unknown_category" in err and "2 problem(s)" in err


def test_test_fails_on_a_wrong_expectation(policy_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = policy_copy / "rules" / "commission.yaml"
    path.write_text(path.read_text().replace('commission: "5.20", basis: program_rate', 'commission: "5.21", '
                                             'basis: program_rate'))
    assert main(["test", str(policy_copy)]) == 1
    out = capsys.readouterr().out
    assert "FAIL commission: apples" in out and "commission: expected 5.21, got 5.20" in out


def test_test_fails_on_a_rule_no_example_exercises(policy_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = policy_copy / "rules" / "badges.yaml"
    text = path.read_text()
    rising = "      - name: rising\n"
    start = text.index(rising)
    end = text.index("      - name: ", start + len(rising))  # the example after it
    path.write_text(text[:start] + text[end:])
    assert main(["test", str(policy_copy)]) == 1
    assert "example_missing: rule 'rising_badge' of maker_badge fires in no example" in capsys.readouterr().out


def test_eval_prints_the_decision_as_json(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO('{"category": "fresh_fruit", "price": "28.90", "quantity": 1}'))
    assert main(["eval", "commission", "--facts", "-", "--policies", str(ROOT), "--as-of", "2026-12-01T00:00:00Z"]) == 0
    decision = json.loads(capsys.readouterr().out)
    assert decision["outputs"]["commission"] == "5.20"
    assert decision["fired"][0]["id"] == "fresh_fruit_rate"
    assert decision["as_of"] == "2026-12-01T00:00:00Z"


def test_eval_explain_shows_the_gap(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    facts = tmp_path / "seller.json"
    facts.write_text('{"current_tier": "trial", "qualifying_transactions": 2, "distinct_buyers": 2}')
    assert main(["eval", "seller_tier", "--facts", str(facts), "--policies", str(ROOT), "--explain"]) == 0
    out = capsys.readouterr().out
    assert "did not fire promote_to_l1" in out and "(short by 3)" in out


@pytest.mark.parametrize(("facts", "message"), [
    pytest.param('{"category": "fruit", "price": "28.90", "quantity": 1}', "invalid_fact: category", id="bad-fact"),
    pytest.param('{"category": ', "error:", id="bad-json"),
])
def test_eval_refuses_bad_facts_with_exit_2(facts: str, message: str, monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(facts))
    assert main(["eval", "commission", "--facts", "-", "--policies", str(ROOT)]) == 2
    assert message in capsys.readouterr().err
