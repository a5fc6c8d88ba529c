"""One invalid-policy fixture per validation error code: each fails with exactly its code, at the line
marked `# <-- here`. A code the validator can emit without a fixture fails the suite."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from engine import PolicySetInvalid, load_policy_set

HERE = Path(__file__).parent
INVALID = HERE / "invalid"
ENGINE = HERE.parents[1] / "engine"
FIXTURES = sorted(p for p in INVALID.glob("*.yaml"))
# Codes reported outside validation (by `xiaopu test`) or at evaluation time, not by the loader.
NOT_VALIDATION = {"example_missing", "invalid_fact", "unique_violation", "evaluation_failed", "unknown_policy",
                  "policy_error", "policy_invalid"}


def expected(fixture: Path) -> tuple[str, int]:
    lines = fixture.read_text(encoding="utf-8").splitlines()
    code = re.fullmatch(r"# expect: (\w+)", lines[0])
    assert code, f"{fixture.name}: first line must be '# expect: <code>'"
    marked = [i for i, line in enumerate(lines, start=1) if line.endswith("# <-- here")]
    assert len(marked) == 1, f"{fixture.name}: mark exactly one line with '# <-- here'"
    return code.group(1), marked[0]


def load_fixture(fixture: Path, tmp_path: Path) -> PolicySetInvalid:
    (tmp_path / "rules").mkdir()
    base_rules = (INVALID / "duplicate_key.yaml").read_text(encoding="utf-8").replace(
        "    hit_policy: unique  # <-- here\n", "")  # a valid rule file for the manifest fixtures
    if fixture.name.endswith(".manifest.yaml"):
        shutil.copy(fixture, tmp_path / "policies.yaml")
        (tmp_path / "rules" / "case.yaml").write_text(base_rules, encoding="utf-8")
        file = "policies.yaml"
    else:
        shutil.copy(INVALID / "base.manifest", tmp_path / "policies.yaml")
        shutil.copy(fixture, tmp_path / "rules" / "case.yaml")
        file = "rules/case.yaml"
    with pytest.raises(PolicySetInvalid) as err:
        load_policy_set(tmp_path)
    for d in err.value.diagnostics:
        assert d.file == file, str(d)
    return err.value


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.name.split(".")[0])
def test_fixture_fails_with_its_code_at_its_line(fixture: Path, tmp_path: Path) -> None:
    code, line = expected(fixture)
    problems = load_fixture(fixture, tmp_path)
    found = [(d.code, d.line) for d in problems.diagnostics]
    assert {c for c, _ in found} == {code}, [str(d) for d in problems.diagnostics]
    assert (code, line) in found, [str(d) for d in problems.diagnostics]


def test_the_base_files_are_valid(tmp_path: Path) -> None:
    (tmp_path / "rules").mkdir()
    shutil.copy(INVALID / "base.manifest", tmp_path / "policies.yaml")
    text = (INVALID / "duplicate_key.yaml").read_text(encoding="utf-8")
    (tmp_path / "rules" / "case.yaml").write_text(text.replace("    hit_policy: unique  # <-- here\n", ""))
    assert load_policy_set(tmp_path).policies["commission"].hit_policy == "first"


def emitted_codes() -> set[str]:
    """Every code the engine passes to a report call or a Diagnostic."""
    source = "\n".join(p.read_text(encoding="utf-8") for p in ENGINE.glob("*.py"))
    call = r'(?:rep|report|manifest|ctx\.report|bad)\(\s*'
    first_argument = r'(?:\([^)]*\)|[\w.]+(?:\[[^\]]*\])?|\(\)),\s*'
    reported = re.findall(call + first_argument + r'"(\w+)"', source)
    direct = re.findall(r'Diagnostic\([^"]*"(\w+)"', source)
    codes = {c for c in (*reported, *direct) if c not in NOT_VALIDATION}
    codes.update(re.findall(r'code = "(\w+)" if', source))
    return codes


def test_every_validation_code_has_a_fixture() -> None:
    fixtures = {expected(f)[0] for f in FIXTURES}
    assert emitted_codes() <= fixtures, sorted(emitted_codes() - fixtures)
    assert len(fixtures) >= 35


@pytest.mark.parametrize(("fixture", "suggestion"), [
    pytest.param("unknown_key.yaml", '(did you mean "hit_policy"?)', id="unknown_key"),
    pytest.param("unknown_field.yaml", '(did you mean "category"?)', id="unknown_field"),
    pytest.param("unknown_operator.yaml", '(did you mean "gte"?)', id="unknown_operator"),
    pytest.param("unknown_category.yaml", "fresh_fruits", id="unknown_category-names-the-value"),
])
def test_messages_suggest_the_closest_name(fixture: str, suggestion: str, tmp_path: Path) -> None:
    problems = load_fixture(INVALID / fixture, tmp_path)
    [printed] = [str(d) for d in problems.diagnostics if d.code == fixture.split(".")[0]]
    assert re.match(r"rules/case\.yaml:\d+:\d+: \w+: ", printed)
    assert suggestion in printed


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    (tmp_path / "rules").mkdir()
    shutil.copy(INVALID / "base.manifest", tmp_path / "policies.yaml")
    text = (INVALID / "unknown_field.yaml").read_text(encoding="utf-8").replace(
        "hit_policy: first", "hit_policy: firstmatch").replace("{type: money}", "{type: yuan}")
    (tmp_path / "rules" / "case.yaml").write_text(text)
    with pytest.raises(PolicySetInvalid) as err:
        load_policy_set(tmp_path)
    assert {d.code for d in err.value.diagnostics} >= {"unknown_field", "invalid_hit_policy", "unknown_type"}
