"""`xiaopu fmt`: policy files rewritten in the canonical layout, `--check` for CI, nothing written on a YAML error."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cli.main import main

ROOT = Path(__file__).resolve().parents[2]
# An example of the badges file as it was written before the canonical layout: one line of 160 characters.
MASTER_BLOCK = """\
      - name: master
        facts: {panel_score: 93, panel_size: 5, dispute_rate_bp: "0.50%"}
        expect: {outputs: {badge: master, good_find: true, validity_days: 365}, fired: [master_badge]}
"""
MASTER_LINE = ('      - {name: master, facts: {panel_score: 93, panel_size: 5, dispute_rate_bp: "0.50%"}, '
               'expect: {outputs: {badge: master, good_find: true, validity_days: 365}, fired: [master_badge]}}\n')


@pytest.fixture
def policy_copy(tmp_path: Path) -> Path:
    shutil.copy(ROOT / "policies.yaml", tmp_path / "policies.yaml")
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    return tmp_path


def unformatted(folder: Path) -> Path:
    badges = folder / "rules" / "badges.yaml"
    text = badges.read_text(encoding="utf-8")
    assert MASTER_BLOCK in text
    badges.write_text(text.replace(MASTER_BLOCK, MASTER_LINE), encoding="utf-8")
    return badges


def test_the_shipped_tree_is_in_the_canonical_layout(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["fmt", "--check", str(ROOT)]) == 0
    assert capsys.readouterr().out == ""


def test_check_lists_the_files_out_of_layout_and_changes_nothing(policy_copy: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    badges = unformatted(policy_copy)
    before = badges.read_bytes()
    assert main(["fmt", "--check", str(policy_copy)]) == 1
    captured = capsys.readouterr()
    assert captured.out == f"{badges}\n" and "1 file(s) not in the canonical layout" in captured.err
    assert badges.read_bytes() == before


def test_fmt_rewrites_the_files_out_of_layout_and_prints_them(policy_copy: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    badges = unformatted(policy_copy)
    assert main(["fmt", str(policy_copy)]) == 0
    assert capsys.readouterr().out == f"{badges}\n"
    assert badges.read_bytes() == (ROOT / "rules" / "badges.yaml").read_bytes()
    assert main(["fmt", str(policy_copy)]) == 0
    assert capsys.readouterr().out == ""  # nothing left to change


def test_fmt_takes_one_file(policy_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    badges = unformatted(policy_copy)
    assert main(["fmt", str(badges)]) == 0
    assert capsys.readouterr().out == f"{badges}\n"
    assert badges.read_bytes() == (ROOT / "rules" / "badges.yaml").read_bytes()


def test_a_file_that_is_not_yaml_stops_everything(policy_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    badges = unformatted(policy_copy)
    commission = policy_copy / "rules" / "commission.yaml"
    commission.write_text("domain: commission\npolicies: [\n", encoding="utf-8")
    before = badges.read_bytes()
    assert main(["fmt", str(policy_copy)]) == 1
    captured = capsys.readouterr()
    assert f"{commission}:3:1: yaml_syntax: YAML syntax error:" in captured.err
    assert "nothing was written" in captured.err and captured.out == ""
    assert badges.read_bytes() == before


def test_a_file_that_is_not_utf8_is_reported(policy_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    commission = policy_copy / "rules" / "commission.yaml"
    commission.write_bytes(b"domain: commission\ndescription: caf\xe9\n")
    assert main(["fmt", "--check", str(policy_copy)]) == 1
    assert f"{commission}:2:17: not_utf8:" in capsys.readouterr().err
