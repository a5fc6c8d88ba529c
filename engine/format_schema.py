"""The JSON Schema (draft 2020-12) of policy files, for people who edit them in their own editor.

Built from the constants the loader checks against (keys, field types, operators, hit policies, purposes,
aggregates, names), so it cannot drift from them. It checks the structure of one file; what needs the whole
set (types of values against declared inputs, categories of the taxonomy, rule ids in examples, guard rails)
is for `xiaopu validate`. Written to docs/policy-format.schema.json:

    python -m engine.format_schema            # rewrite docs/policy-format.schema.json
    python -m engine.format_schema --check    # exit 1 when the committed file is out of date
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from engine.condition_parser import LOGICAL
from engine.conditions import OPERATORS
from engine.fields import FIELD_TYPES, NAME_RE, RESERVED_NAMES
from engine.loader import (
    FILE_KEYS,
    FILE_OPTIONAL,
    GROUP_KEYS,
    GROUP_OPTIONAL,
    MANIFEST_KEYS,
    MANIFEST_OPTIONAL,
)
from engine.model import AGGREGATES, HIT_POLICIES, PURPOSES
from engine.policy_parser import (
    DERIVED_KEYS,
    DERIVED_OPTIONAL,
    FIELD_KEYS,
    FIELD_OPTIONAL,
    POLICY_KEYS,
    POLICY_OPTIONAL,
    RULE_OPTIONAL,
    RULE_REQUIRED,
    TABLE_KEYS,
    TABLE_OPTIONAL,
)
from engine.policy_values import EXAMPLE_KEYS, EXAMPLE_OPTIONAL, EXPECT_OPTIONAL

SCHEMA_ID = "https://xiaopu.example/policy-format.schema.json"
SCHEMA_FILE = Path(__file__).resolve().parents[1] / "docs" / "policy-format.schema.json"
REF = "#/$defs/"


def _object(required: tuple[str, ...], optional: tuple[str, ...], properties: dict[str, Any],
            description: str) -> dict[str, Any]:
    """A mapping with exactly the loader's keys: `properties` describes each one of required + optional."""
    keys = (*required, *optional)
    assert set(properties) == set(keys), (sorted(properties), sorted(keys))  # a key added to the loader only
    return {"type": "object", "description": description, "required": list(required),
            "properties": {key: properties[key] for key in keys}, "additionalProperties": False}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": REF + name}


def _list(items: dict[str, Any], *, non_empty: bool = False) -> dict[str, Any]:
    return {"type": "array", "items": items, **({"minItems": 1} if non_empty else {})}


TEXT: dict[str, Any] = {"type": "string"}
SCALAR: dict[str, Any] = {"type": ["string", "number", "boolean", "null"]}


def _field_declaration() -> dict[str, Any]:
    declared = _object(FIELD_KEYS, FIELD_OPTIONAL, {
        "type": _ref("field_type"),
        "description": TEXT,
        "optional": {"type": "boolean"},
        "values": _list(TEXT),
        "basis": TEXT,
        "derived": _object(DERIVED_KEYS, DERIVED_OPTIONAL, {
            "product_of": _list(_ref("name"), non_empty=True), "less": _ref("name")},
            "an input computed as the product of inputs, less one"),
        "unit": TEXT,
    }, "an input or output: its type and what it means")
    return {"oneOf": [_ref("field_type"), declared]}


def _condition() -> dict[str, Any]:
    tests = {"type": "object", "minProperties": 1, "propertyNames": {"enum": list(OPERATORS)},
             "description": "tests on one field, all of which must hold"}
    on_fields = {"type": "object", "minProperties": 1, "propertyNames": {"not": {"enum": list(LOGICAL)}},
                 "additionalProperties": {"anyOf": [SCALAR, _list(SCALAR, non_empty=True), tests]}}
    logical = [{"type": "object", "required": [key], "additionalProperties": False,
                "properties": {key: _ref("condition") if key == "not" else _list(_ref("condition"), non_empty=True)}}
               for key in LOGICAL]
    return {"description": "fields and their tests (all must hold), or all/any/not standing alone",
            "oneOf": [on_fields, *logical]}


def _rule(description: str, *, cells: bool) -> dict[str, Any]:
    rule = _object(RULE_REQUIRED, RULE_OPTIONAL, {
        "id": _ref("name"), "description": TEXT, "then": _ref("outputs"), "when": _ref("condition"),
        "priority": {"type": "integer", "minimum": 1, "maximum": 1_000_000}}, description)
    if cells:  # a table row also has a cell per column: any other key
        del rule["additionalProperties"]
    return rule


def _policy() -> dict[str, Any]:
    fields = {"type": "object", "propertyNames": _ref("field_name"), "additionalProperties": _ref("field")}
    policy = _object(POLICY_KEYS, POLICY_OPTIONAL, {
        "id": _ref("name"),
        "purpose": {"enum": list(PURPOSES)},
        "hit_policy": {"enum": list(HIT_POLICIES)},
        "inputs": fields,
        "outputs": fields,
        "title": TEXT,
        "description": TEXT,
        "rules": _list(_ref("rule")),
        "table": _object(TABLE_KEYS, TABLE_OPTIONAL, {
            "columns": _list(_ref("name")), "rows": _list(_ref("row")), "description": TEXT},
            "a decision table: a condition on each column per row"),
        "default": _ref("outputs"),
        "aggregate": {"type": "object", "propertyNames": _ref("name"),
                      "additionalProperties": {"enum": list(AGGREGATES)}},
        "examples": _list(_ref("example"), non_empty=True),
        "gaps_allowed": {"type": "boolean"},
        "rules_in_force_at": _ref("name"),
    }, "one policy: its inputs, outputs, rules and examples")
    policy["required"].append("examples")  # optional to the parser, which reports missing_examples itself
    policy["anyOf"] = [{"required": ["rules"]}, {"required": ["table"]}]  # else no_rules
    return policy


def _example() -> dict[str, Any]:
    return _object(EXAMPLE_KEYS, EXAMPLE_OPTIONAL, {
        "name": TEXT, "facts": {"type": "object", "propertyNames": _ref("name")},
        "expect": _object((), EXPECT_OPTIONAL, {
            "outputs": _ref("outputs"), "fired": _list(_ref("name")), "failed": _list(_ref("name"))},
            "the outputs named are compared; fired and failed list rule ids exactly"),
        "as_of": TEXT, "description": TEXT,
    }, "input -> expected outputs and fired rules")


def _manifest() -> dict[str, Any]:
    group = _object(GROUP_KEYS, GROUP_OPTIONAL, {
        "title": TEXT, "categories": _list(_ref("name")), "core": {"type": "boolean"}}, "a category group")
    return _object(MANIFEST_KEYS, MANIFEST_OPTIONAL, {
        "policy_set": TEXT,
        "version": TEXT,
        "taxonomy": {"type": "object", "additionalProperties": group},
        "files": _list(TEXT),
        "description": TEXT,
        "effective_from": {"type": "string", "description": "a time with a UTC offset: 2026-11-01T00:00:00+08:00"},
        "money": {"type": "object"},
        "program": {"type": "object"},
        "four_eyes": {"type": "boolean"},
    }, "the manifest policies.yaml: the set's name, version, taxonomy and rule files")


def build_schema() -> dict[str, Any]:
    """The schema of a policy file: the manifest when it has no `policies`, else a rule file."""
    field_name = {"type": "string", "pattern": NAME_RE.pattern,
                  "not": {"enum": sorted({*RESERVED_NAMES, "as_of"})}}
    rule_file = _object(FILE_KEYS, FILE_OPTIONAL, {
        "domain": TEXT, "policies": _list(_ref("policy")), "description": TEXT}, "a rule file: one domain")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Xiaopu Rules policy file",
        "description": "policies.yaml or a rule file (docs/policy-format.md); `xiaopu validate` checks the rest",
        "if": {"type": "object", "required": ["policies"]},
        "then": _ref("rule_file"),
        "else": _ref("manifest"),
        "$defs": {
            "name": {"type": "string", "pattern": NAME_RE.pattern, "description": "lower_snake_case"},
            "field_name": field_name,
            "field_type": {"enum": list(FIELD_TYPES)},
            "field": _field_declaration(),
            "outputs": {"type": "object", "propertyNames": _ref("name"),
                        "description": "output -> a value, {from: input}, {rate: ..., of: input}, {product_of: [...]}"
                                       " or {per_unit: input, of: input, unit_price: input}"},
            "condition": _condition(),
            "rule": _rule("a rule: when its condition holds, its outputs", cells=False),
            "row": _rule("a row of a decision table: a cell per column ('-' or absent: any value)", cells=True),
            "example": _example(),
            "policy": _policy(),
            "rule_file": rule_file,
            "manifest": _manifest(),
        },
    }


def schema_text() -> str:
    return json.dumps(build_schema(), indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m engine.format_schema", description=__doc__)
    parser.add_argument("--check", action="store_true", help="exit 1 when the committed schema is out of date")
    args = parser.parse_args(argv)
    text = schema_text()
    if args.check:
        current = SCHEMA_FILE.read_text(encoding="utf-8") if SCHEMA_FILE.exists() else ""
        if current != text:
            print(f"{SCHEMA_FILE.name} is out of date: run python -m engine.format_schema", file=sys.stderr)
            return 1
        return 0
    SCHEMA_FILE.write_text(text, encoding="utf-8")
    print(f"wrote {SCHEMA_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
