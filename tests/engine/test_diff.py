"""`xiaopu diff`: which rules and values changed, in business words."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from cli.main import main
from engine import load_policy_set
from engine.diff import diff

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def candidate(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    shutil.copy(ROOT / "policies.yaml", tmp_path / "policies.yaml")
    commission = tmp_path / "rules" / "commission.yaml"
    text = commission.read_text()
    text = text.replace('then: {rate_bp: "17.99%", commission: {rate: "17.99%", of: line_amount}',
                        'then: {rate_bp: "16%", commission: {rate: "16%", of: line_amount}')
    text = text.replace("category: {in_group: clothing_sports}", "category: [shoes, sportswear]")
    commission.write_text(text)
    badges = tmp_path / "rules" / "badges.yaml"
    badges.write_text(badges.read_text().replace("panel_score: {gte: 90}", "panel_score: {gte: 92}"))
    (tmp_path / "policies.yaml").write_text((tmp_path / "policies.yaml").read_text().replace(
        'version: "2026.11.0"', 'version: "2026.12.0"'))
    return tmp_path


def test_changes_in_business_words(candidate: Path) -> None:
    lines = [str(c) for c in diff(load_policy_set(ROOT), load_policy_set(candidate))]
    assert "version 2026.11.0 -> 2026.12.0" in lines
    assert "commission: fresh_fruit_rate: rate_bp 17.99% -> 16%" in lines
    assert "commission: fresh_fruit_rate: commission 17.99% of line_amount -> 16% of line_amount" in lines
    assert "commission: clothing_sports_rate: when category in group clothing_sports -> category in shoes, sportswear" \
        in lines
    assert "maker_badge: master_badge: when panel_score ≥ 90 -> panel_score ≥ 92" in lines
    assert len(lines) == 5


def test_identical_sets_have_no_changes() -> None:
    assert diff(load_policy_set(ROOT), load_policy_set(ROOT)) == []


def test_diff_command_text_and_json(candidate: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", str(ROOT), str(candidate)]) == 0
    out = capsys.readouterr().out
    assert "5 change(s)" in out and "fresh_fruit_rate: rate_bp 17.99% -> 16%" in out
    assert main(["diff", str(ROOT), str(candidate), "--json"]) == 0
    changes = json.loads(capsys.readouterr().out)
    assert {"policy": "maker_badge", "kind": "changed", "subject": "master_badge: when",
            "before": "panel_score ≥ 90", "after": "panel_score ≥ 92"} in changes


def test_added_and_removed_rules(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    shutil.copy(ROOT / "policies.yaml", tmp_path / "policies.yaml")
    disputes = tmp_path / "rules" / "disputes.yaml"
    text = disputes.read_text()
    removed = """      - id: custom_made_exempt
        description: Custom-made goods have no no-reason return.
        when: {category: custom_made}
        then: {allowed: false, reason: custom-made goods are exempt from no-reason return}
"""
    added = """      - id: furniture_exempt
        description: Furniture has no no-reason return.
        when: {category: furniture}
        then: {allowed: false, reason: furniture is exempt}
"""
    assert removed in text
    disputes.write_text(text.replace(removed, added).replace("fired: [custom_made_exempt]", "fired: []"))
    lines = [str(c) for c in diff(load_policy_set(ROOT), load_policy_set(tmp_path))]
    assert lines == [
        "no_reason_return: rule custom_made_exempt removed (was: when category is custom_made: allowed = false, "
        "reason = custom-made goods are exempt from no-reason return)",
        "no_reason_return: rule furniture_exempt added: when category is furniture: allowed = false, "
        "reason = furniture is exempt",
        "no_reason_return: example 'custom-made furniture' given category = custom_made, days_since_receipt = 2: "
        "expects allowed = False; fires custom_made_exempt -> given category = custom_made, days_since_receipt = 2: "
        "expects allowed = False; fires no rule"]


def test_descriptions_and_examples_are_changes_too(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    shutil.copy(ROOT / "policies.yaml", tmp_path / "policies.yaml")
    commission = tmp_path / "rules" / "commission.yaml"
    text = commission.read_text()
    for old, new in {"(a 5 kg box of apples at RMB 28.90 pays RMB 5.20).": "(apples at RMB 28.90 pay RMB 5.20).",
                     '      - name: snacks\n': '      - name: a bag of snacks\n',
                     'quantity: 3, seller_tier: L1}': 'quantity: 4, seller_tier: L1}'}.items():
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    commission.write_text(text)
    lines = [str(c) for c in diff(load_policy_set(ROOT), load_policy_set(tmp_path))]
    assert ("commission: fresh_fruit_rate: description Fresh fruit earns 17.99% (a 5 kg box of apples at RMB 28.90 "
            "pays RMB 5.20). -> Fresh fruit earns 17.99% (apples at RMB 28.90 pay RMB 5.20).") in lines
    assert any(line.startswith("commission: example 'snacks' removed (was: given category = snacks") for line in lines)
    assert any(line.startswith("commission: example 'a bag of snacks' added: given category = snacks")
               for line in lines)
    [changed] = [line for line in lines if line.startswith("commission: example 'three boxes")]
    assert "quantity = 3" in changed.split(" -> ")[0] and "quantity = 4" in changed.split(" -> ")[1]
