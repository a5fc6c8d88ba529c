"""`xiaopu simulate`: the commission impact of a candidate on order lines, per category, tier and seller."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from cli.main import main

ROOT = Path(__file__).resolve().parents[2]


def test_candidate_lowering_fresh_fruit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    candidate = tmp_path / "candidate"
    shutil.copytree(ROOT / "rules", candidate / "rules")
    shutil.copy(ROOT / "policies.yaml", candidate / "policies.yaml")
    path = candidate / "rules" / "commission.yaml"
    path.write_text(path.read_text().replace('{rate_bp: "17.99%", commission: {rate: "17.99%",',
                                             '{rate_bp: "16%", commission: {rate: "16%",'))
    lines = tmp_path / "orders.jsonl"
    lines.write_text("\n".join(json.dumps(row) for row in [
        {"order_id": "O1", "seller_id": "S1", "seller_tier": "L1", "category": "fresh_fruit", "price": "28.90",
         "quantity": 1},
        {"order_id": "O2", "seller_id": "S2", "seller_tier": "trial", "category": "fresh_fruit", "price": "28.90",
         "quantity": 2},
        {"order_id": "O3", "seller_id": "S2", "seller_tier": "trial", "category": "cosmetics", "price": "99.00",
         "quantity": 1},
    ]) + "\n")
    out = tmp_path / "report.json"
    assert main(["simulate", "--candidate", str(candidate), "--input", str(lines), "--output", str(out)]) == 0
    report = json.loads(out.read_text())
    # 5.20 + 10.40 + 19.80 today; 4.62 + 9.25 + 19.80 under the candidate
    assert report["commission"] == {"active": "35.40", "candidate": "33.67", "delta": "-1.73"}
    assert report["delta_by_category"] == {"fresh_fruit": "-1.73"}
    assert report["delta_by_tier"] == {"L1": "-0.58", "trial": "-1.15"}
    assert report["delta_by_seller"] == {"S1": "-0.58", "S2": "-1.15"}
    assert "simulating [" in capsys.readouterr().err
