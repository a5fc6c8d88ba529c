"""One invalid-policy fixture per validation error code, each failing with exactly its code at its line.

A fixture under `invalid/` is a complete rule file (`<code>.yaml`, loaded as `rules/case.yaml` under
MANIFEST) or a complete manifest (`<code>.manifest.yaml`, loaded as `policies.yaml` with VALID_RULES as
`rules/case.yaml`), valid except for one planted problem. Its first line says what validation must
report:

    # expect: <code> line <N>                      exactly one <code> diagnostic, at line N, and nothing else
    # expect: <code> line <N> also: <code2>, ...   ... besides diagnostics with exactly these other codes

A code the validator can emit without a fixture fails the suite. `invalid/bugs/` holds inputs the
validator once mishandled (a crash, a silent acceptance, a cascade), kept as regression tests; a newly
found one is listed in BUG_REASONS and runs as a strict xfail until fixed.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import NamedTuple

import pytest

from engine import PolicySetInvalid, load_policy_set
from engine.conditions import fields_read
from engine.errors import Diagnostic

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
INVALID = HERE / "invalid"
BUGS = INVALID / "bugs"
ENGINE = HERE.parents[1] / "engine"
FIXTURES = sorted(INVALID.glob("*.yaml"))
RULE_FILE, MANIFEST_FILE = "rules/case.yaml", "policies.yaml"
# Reported by `xiaopu test`, not by validation; and the service's contract, which a set of the served program
# is held to (tests/engine/test_contract.py), not a check of the format.
NOT_VALIDATION = {"example_missing", "contract_output_missing", "contract_output_type", "contract_policy_missing",
                  "contract_input_unknown", "contract_input_type", "contract_range_input"}

MANIFEST = """\
policy_set: fixture-program
version: "2026.11.0"
effective_from: 2026-11-01T00:00:00+08:00
money: {currency: CNY, unit: fen, rounding: half_up}
program:
  shopkeeper_entry_fee: "0.00"
  upline_override: {enabled: false, max_levels: 0}
taxonomy:
  food_health:
    title: Food & health care
    core: true
    categories: [fresh_fruit, snacks, health_supplements]
  beauty_personal_care:
    title: Beauty & personal care
    core: true
    categories: [cosmetics, skincare]
  outside_core:
    title: Outside the core groups
    core: false
    categories: [electronics]
files: [rules/case.yaml]
"""

VALID_RULES = """\
domain: commission
description: Commission per order line for shopkeepers.
policies:
  - id: commission
    title: Commission per order line
    purpose: reward
    hit_policy: first
    inputs:
      category: {type: category, description: the product's category}
      price: {type: money, description: unit price paid by the consumer}
      seller_tier: {type: enum, values: [trial, L1], optional: true, description: the shopkeeper's tier}
    outputs:
      rate_bp: {type: rate, description: rate applied to the line amount}
    rules:
      - id: fresh_fruit_rate
        description: Fresh fruit earns 17.99%.
        when: {category: fresh_fruit}
        then: {rate_bp: "17.99%"}
    default: {rate_bp: "5%"}
    examples:
      - name: a box of apples
        facts: {category: fresh_fruit, price: "28.90", seller_tier: L1}
        expect: {outputs: {rate_bp: "17.99%"}, fired: [fresh_fruit_rate]}
"""

HEADER = re.compile(r"# expect: (?P<code>\w+(?:\|\w+)*) line (?P<line>\d+)(?: also: (?P<also>\w+(?:, \w+)*))?")


class Expectation(NamedTuple):
    code: str  # for a bug fixture: the acceptable codes, separated by |
    line: int
    also: frozenset[str]


def expected(fixture: Path) -> Expectation:
    first = fixture.read_bytes().split(b"\n")[0].decode("utf-8")  # the not_utf8 fixture is not UTF-8 further down
    m = HEADER.fullmatch(first)
    assert m, f"{fixture.name}: the first line must be '# expect: <code> line <N> [also: <code>, ...]'"
    return Expectation(m["code"], int(m["line"]), frozenset(m["also"].split(", ") if m["also"] else ()))


def is_manifest(fixture: Path) -> bool:
    return fixture.name.endswith(".manifest.yaml")


def load_diagnostics(fixture: Path, tmp_path: Path) -> list[Diagnostic]:
    """Load `fixture` in a fresh policy set; the diagnostics validation reports (it must fail)."""
    (tmp_path / "rules").mkdir()
    if is_manifest(fixture):
        shutil.copy(fixture, tmp_path / MANIFEST_FILE)
        (tmp_path / RULE_FILE).write_text(VALID_RULES, encoding="utf-8")
    else:
        (tmp_path / MANIFEST_FILE).write_text(MANIFEST, encoding="utf-8")
        shutil.copy(fixture, tmp_path / RULE_FILE)
    with pytest.raises(PolicySetInvalid) as err:
        load_policy_set(tmp_path)
    return err.value.diagnostics


def fixture_id(fixture: Path) -> str:
    """The code, plus `-manifest` / `-rules` when the code has fixtures of both kinds."""
    code = expected(fixture).code
    kinds = {is_manifest(f) for f in FIXTURES if expected(f).code == code}
    return code if len(kinds) == 1 else f"{code}-{'manifest' if is_manifest(fixture) else 'rules'}"


def shown(diagnostics: list[Diagnostic]) -> list[str]:
    return [str(d) for d in diagnostics]


def test_the_base_manifest_and_rule_file_are_valid(tmp_path: Path) -> None:
    (tmp_path / "rules").mkdir()
    (tmp_path / MANIFEST_FILE).write_text(MANIFEST, encoding="utf-8")
    (tmp_path / RULE_FILE).write_text(VALID_RULES, encoding="utf-8")
    pset = load_policy_set(tmp_path)
    assert list(pset.policies) == ["commission"]
    assert pset.taxonomy.core_groups == ("food_health", "beauty_personal_care")


@pytest.mark.parametrize("fixture", FIXTURES, ids=fixture_id)
def test_fixture_fails_with_its_code_at_its_line(fixture: Path, tmp_path: Path) -> None:
    want = expected(fixture)
    assert fixture.name.split(".")[0] == want.code, "a fixture is named after its code"
    found = load_diagnostics(fixture, tmp_path)
    assert [d.line for d in found if d.code == want.code] == [want.line], shown(found)
    assert {d.code for d in found} - {want.code} == want.also, shown(found)
    assert {d.file for d in found} == {MANIFEST_FILE if is_manifest(fixture) else RULE_FILE}, shown(found)


@pytest.mark.parametrize("fixture", FIXTURES, ids=fixture_id)
def test_diagnostics_print_as_file_line_col_code_message(fixture: Path, tmp_path: Path) -> None:
    want = expected(fixture)
    [diagnostic] = [d for d in load_diagnostics(fixture, tmp_path) if d.code == want.code]
    file = MANIFEST_FILE if is_manifest(fixture) else RULE_FILE
    printed = str(diagnostic)
    m = re.fullmatch(r"(?P<file>[\w/.]+):(?P<line>\d+):(?P<col>\d+): (?P<code>\w+): (?P<message>.+)", printed)
    assert m, printed
    assert (m["file"], int(m["line"]), m["code"]) == (file, want.line, want.code), printed
    assert int(m["col"]) >= 1 and m["message"] == diagnostic.message, printed


@pytest.mark.parametrize(("code", "suggestion"), [
    ("unknown_key", '(did you mean "hit_policy"?)'),
    ("unknown_field", '(did you mean "seller_tier"?)'),
    ("unknown_operator", '(did you mean "gte"?)'),
    ("unknown_output", '(did you mean "rate_bp"?)'),
    ("unknown_rule", '(did you mean "fresh_fruit_rate"?)'),
    ("invalid_hit_policy", '(did you mean "first"?)'),
])
def test_messages_suggest_the_closest_name(code: str, suggestion: str, tmp_path: Path) -> None:
    [printed] = [str(d) for d in load_diagnostics(INVALID / f"{code}.yaml", tmp_path) if d.code == code]
    assert printed.startswith(f"{RULE_FILE}:{expected(INVALID / f'{code}.yaml').line}:")
    assert suggestion in printed


def emitted_codes() -> set[str]:
    """Every string literal the engine passes as the `code` of a report call or a Diagnostic."""
    source = "\n".join(p.read_text(encoding="utf-8") for p in sorted(ENGINE.glob("*.py")))
    path_argument = r"(?:\((?:[^()]|\([^()]*\))*\)|[\w.]+(?:\[[^\]]*\])?)"  # (*path, "id") | fpath | rpath
    reporter = r"\b(?:rep|frep|self|manifest|report|ctx\.report|self\.report)"
    codes = set(re.findall(reporter + r"\(\s*" + path_argument + r',\s*"(\w+)"', source))
    codes |= set(re.findall(r'\bbad\(\s*"(\w+)"', source))  # guardrails: bad(code, message)
    for args in re.findall(r"\bDiagnostic\(((?:[^()]|\([^()]*\))*)\)", source):  # (file, line, col, code, ...)
        codes |= set(re.findall(r'(?<![\w"])"(\w+)"', args)[:1])
    for pair in re.findall(r'\bcode = "(\w+)" if .* else "(\w+)"', source):  # code = "a" if ... else "b"
        codes |= set(pair)
    return codes - NOT_VALIDATION


def test_the_code_extraction_sees_every_kind_of_call() -> None:
    codes = emitted_codes()
    assert {"yaml_syntax", "non_string_key", "duplicate_key"} <= codes  # Diagnostic(...) in yaml_source
    assert {"unknown_key", "missing_key", "wrong_type"} <= codes  # self(path, ...) in structure
    assert {"file_not_found", "invalid_example", "duplicate_policy"} <= codes  # loader: Diagnostic, frep
    assert {"guardrail_forced_purchase", "guardrail_upline_depth"} <= codes  # bad(...), manifest(...)
    assert {"unknown_category", "unsupported_negation"} <= codes  # code = ... if ..., report(...)


def test_every_validation_code_has_a_fixture_and_every_fixture_a_code() -> None:
    fixtures = {expected(f).code for f in FIXTURES}
    assert emitted_codes() == fixtures, {"no fixture": sorted(emitted_codes() - fixtures),
                                         "not emitted": sorted(fixtures - emitted_codes())}


def test_a_missing_manifest_is_file_not_found(tmp_path: Path) -> None:
    with pytest.raises(PolicySetInvalid) as err:
        load_policy_set(tmp_path)
    assert [(d.code, d.line) for d in err.value.diagnostics] == [("file_not_found", 1)]


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    (tmp_path / "rules").mkdir()
    (tmp_path / MANIFEST_FILE).write_text(MANIFEST, encoding="utf-8")
    text = VALID_RULES.replace("hit_policy: first", "hit_policy: firstmatch").replace(
        "{type: money,", "{type: yuan,").replace("{category: fresh_fruit}", "{catgory: fresh_fruit}")
    (tmp_path / RULE_FILE).write_text(text, encoding="utf-8")
    with pytest.raises(PolicySetInvalid) as err:
        load_policy_set(tmp_path)
    assert [(d.code, d.line) for d in err.value.diagnostics] == [
        ("invalid_hit_policy", 7), ("unknown_type", 10), ("unknown_field", 17)]


# Inputs the validator mishandled when these fixtures were written. Each fixture's header gives what
# validation should report (any one of the |-separated codes, alone, at that line). Fixed ones are in
# FIXED and run as ordinary tests; an unfixed one runs as a strict xfail.
BUG_REASONS = {
    "policy_id_not_text": ("policy_parser.parse_policy returns None for a non-text id without a diagnostic: "
                           "`id: 618` drops the whole policy and the set loads with no policy", None),
    "rule_id_not_text": ("policy_parser._add_rule returns without a diagnostic for a non-text id: `id: 11_11` "
                         "(YAML 1.1 reads the int 1111) silently drops the rule and the set loads", None),
    "enum_values_not_a_list": ("policy_parser._parse_fields does tuple(decl['values']) unchecked: `values: trial, "
                               "L1` becomes the characters t, r, i, a, l, ... (and `values: 2` raises TypeError)",
                               None),
    "derived_product_of_text": ("policy_parser._parse_fields iterates derived.product_of unchecked: text gives one "
                                "unknown_field per character (and an int raises TypeError)", None),
    "derived_less_list": ("policy_parser._parse_fields tests `factor not in specs` with derived.less a list: "
                          "TypeError (unhashable) instead of a diagnostic", TypeError),
    "fired_not_a_list": ("policy_values.parse_examples iterates expect.fired unchecked: text gives one "
                         "unknown_rule per character; an int or a nested list raises TypeError", None),
    "in_group_mapping": ("condition_parser._parse_in_group tests `name not in ctx.groups` with a mapping or list "
                         "item: `in_group: {food_health}` raises TypeError (unhashable)", TypeError),
    "field_ref_not_a_name": ("condition_parser._parse_comparison does ctx.inputs.get(arg['field']) with a list: "
                             "TypeError (unhashable) instead of a diagnostic", TypeError),
    "recursive_alias": ("yaml_source._build follows aliases without memo or cycle check: a self-referencing "
                        "anchor raises RecursionError (and nested aliases expand exponentially)", RecursionError),
    "field_without_type": ("one mistake, two diagnostics: an input without `type` gets missing_key and also "
                           "unknown_type \"type None ... (did you mean \\\"money\\\"?)\"", None),
    "rate_of_untyped_input": ("one mistake, two diagnostics: {from: x} with x of an unknown type adds "
                              "type_mismatch 'input x is invalid' (policy_values._input_ref ignores INVALID_TYPE)",
                              None),
    "example_without_facts": ("one mistake, four diagnostics: an example without facts gets missing_key, "
                              "wrong_type and one invalid_example 'is required' per input", None),
    "expect_outputs_not_a_mapping": ("policy_values.parse_examples silently ignores expect.outputs that is not a "
                                      "mapping: `outputs: [rate_bp: '17.99%']` checks nothing and the set loads", None),
}


def bug_param(name: str) -> object:
    """A validator bug found by these fixtures; the fixed ones run as ordinary tests (regressions)."""
    reason, raises = BUG_REASONS[name]
    marks = () if name in FIXED else pytest.mark.xfail(strict=True, reason=reason, raises=raises)
    return pytest.param(BUGS / f"{name}.yaml", id=name, marks=marks)


FIXED = set(BUG_REASONS)  # every bug listed above has been fixed; a new one goes in BUG_REASONS only


def test_every_bug_fixture_is_listed() -> None:
    assert {f.stem for f in BUGS.glob("*.yaml")} == {*BUG_REASONS, "table_row_when"}


@pytest.mark.parametrize("fixture", [bug_param(name) for name in BUG_REASONS])
def test_validator_bug(fixture: Path, tmp_path: Path) -> None:
    want = expected(fixture)
    found = load_diagnostics(fixture, tmp_path)
    assert len(found) == 1, shown(found)
    assert found[0].code in want.code.split("|") and found[0].line == want.line, shown(found)


def test_a_table_rows_when_is_applied_or_reported(tmp_path: Path) -> None:
    """Found by the fixtures: a row's `when` was dropped, so premium_fruit_rate (price >= 100.00) paid 20% on
    a RMB 28.90 box of apples. It is now applied together with the row's cells."""
    fixture = BUGS / "table_row_when.yaml"
    (tmp_path / "rules").mkdir()
    (tmp_path / MANIFEST_FILE).write_text(MANIFEST, encoding="utf-8")
    shutil.copy(fixture, tmp_path / RULE_FILE)
    try:
        pset = load_policy_set(tmp_path)
    except PolicySetInvalid as err:
        want, found = expected(fixture), err.value.diagnostics
        assert len(found) == 1 and found[0].code in want.code.split("|") and found[0].line == want.line
    else:
        assert "price" in fields_read(pset.policies["commission"].rule("premium_fruit_rate").condition)


def test_loading_the_same_files_again_reuses_the_set_and_an_edit_is_seen(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    shutil.copy(ROOT / "policies.yaml", tmp_path / "policies.yaml")
    first = load_policy_set(tmp_path)
    assert load_policy_set(tmp_path) is first  # the same texts: not parsed again
    commission = tmp_path / "rules" / "commission.yaml"
    commission.write_text(commission.read_text().replace('rate_bp: "17.99%", commission: {rate: "17.99%"',
                                                         'rate_bp: "16%", commission: {rate: "16%"'))
    edited = load_policy_set(tmp_path)
    assert edited is not first and edited.content_hash != first.content_hash
