"""The JSON Schema of policy files: generated from the loader's own constants, committed, and in agreement
with the loader on the shipped files and on fixtures the loader rejects for their structure."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from engine.conditions import OPERATORS
from engine.fields import FIELD_TYPES
from engine.format_schema import SCHEMA_FILE, build_schema, main, schema_text
from engine.model import HIT_POLICIES
from engine.policy_parser import POLICY_OPTIONAL

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = [ROOT / "policies.yaml", *sorted((ROOT / "rules").glob("*.yaml"))]
INVALID = ROOT / "tests" / "engine" / "invalid"
# Fixtures the loader rejects for their structure, not for what their values mean in the set.
STRUCTURAL = ["unknown_key", "invalid_hit_policy", "missing_key", "invalid_purpose", "unknown_type",
              "unknown_operator", "invalid_aggregate", "invalid_condition", "invalid_name", "non_string_key",
              "wrong_type", "missing_examples", "no_rules"]


class EditorLoader(yaml.SafeLoader):
    """YAML as an editor's YAML extension reads it (YAML 1.2 core schema): times stay text."""


EditorLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = build_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def read(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), EditorLoader)  # noqa: S506 - a SafeLoader subclass


def test_the_committed_schema_is_the_generated_one(capsys: pytest.CaptureFixture[str]) -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text()
    assert main(["--check"]) == 0


def test_check_fails_when_the_committed_schema_is_stale(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    stale = tmp_path / "policy-format.schema.json"
    stale.write_text("{}\n", encoding="utf-8")
    monkeypatch.setattr("engine.format_schema.SCHEMA_FILE", stale)
    assert main(["--check"]) == 1
    assert "out of date" in capsys.readouterr().err
    assert main([]) == 0 and stale.read_text(encoding="utf-8") == schema_text()


def test_the_schema_lists_what_the_loader_takes() -> None:
    defs = build_schema()["$defs"]
    assert defs["policy"]["properties"]["hit_policy"]["enum"] == list(HIT_POLICIES)
    assert defs["field_type"]["enum"] == list(FIELD_TYPES)
    assert set(POLICY_OPTIONAL) <= set(defs["policy"]["properties"])
    tests = defs["condition"]["oneOf"][0]["additionalProperties"]["anyOf"][2]
    assert tests["propertyNames"]["enum"] == list(OPERATORS)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_every_shipped_file_validates(path: Path, validator: jsonschema.Draft202012Validator) -> None:
    assert [error.message for error in validator.iter_errors(read(path))] == []


@pytest.mark.parametrize("name", STRUCTURAL)
def test_a_structurally_invalid_fixture_is_rejected(name: str, validator: jsonschema.Draft202012Validator) -> None:
    assert (INVALID / f"{name}.yaml").read_text(encoding="utf-8").startswith(f"# expect: {name} ")
    assert not validator.is_valid(read(INVALID / f"{name}.yaml"))


def test_a_policy_or_rule_without_an_id_is_rejected(validator: jsonschema.Draft202012Validator) -> None:
    document = read(ROOT / "rules" / "commission.yaml")
    del document["policies"][0]["rules"][0]["id"]
    assert [e.message for e in validator.iter_errors(document)] == ["'id' is a required property"]
    del document["policies"][0]["id"]
    assert "'id' is a required property" in [e.message for e in validator.iter_errors(document)]


def test_an_unknown_key_in_the_manifest_is_rejected(validator: jsonschema.Draft202012Validator) -> None:
    manifest = read(ROOT / "policies.yaml")
    manifest["four_eye"] = True
    assert [e.message for e in validator.iter_errors(manifest)] == [
        "Additional properties are not allowed ('four_eye' was unexpected)"]
