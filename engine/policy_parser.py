"""Build one validated `Policy` from its YAML mapping, collecting every problem."""

from __future__ import annotations

import dataclasses
from typing import Any

from engine.compiler import PART_WIDTH, width
from engine.condition_parser import ConditionContext, check_negatable, parse_condition
from engine.conditions import TRUE, All, Condition
from engine.errors import did_you_mean
from engine.fields import FIELD_TYPES, INVALID_TYPE, NAME_RE, RESERVED_NAMES, FieldSpec
from engine.model import AGGREGATES, HIT_POLICIES, PURPOSES, Literal, Policy, Rule, Taxonomy
from engine.policy_values import parse_examples, parse_outputs
from engine.structure import Reporter
from engine.yaml_source import Path

POLICY_KEYS = ("id", "purpose", "hit_policy", "inputs", "outputs")  # examples: see missing_examples
POLICY_OPTIONAL = ("title", "description", "rules", "table", "default", "aggregate", "examples", "gaps_allowed",
                   "rules_in_force_at")
RULE_REQUIRED = ("id", "description", "then")
RULE_OPTIONAL = ("when", "priority")
RULE_KEYS = (*RULE_REQUIRED, *RULE_OPTIONAL)
FIELD_KEYS = ("type",)
FIELD_OPTIONAL = ("description", "optional", "values", "basis", "derived", "unit")
DERIVED_KEYS = ("product_of",)
DERIVED_OPTIONAL = ("less",)
TABLE_KEYS = ("columns", "rows")
TABLE_OPTIONAL = ("description",)
MAX_RULES = 400  # the engine stops compiling somewhere above ~500 rules (durable_rules.md, e7c)


def parse_policy(node: Any, path: Path, rep: Reporter, taxonomy: Taxonomy) -> Policy | None:
    node = rep.mapping(node, path, POLICY_KEYS, POLICY_OPTIONAL, "a policy")
    if "id" in node and not isinstance(node["id"], str):
        rep((*path, "id"), "wrong_type", f"policy id {node['id']!r} must be text (quote it)")
    if not node or not isinstance(node.get("id"), str):
        return None
    pid = node["id"]
    if not NAME_RE.match(pid):
        rep((*path, "id"), "invalid_name", f"policy id {pid!r} must be lower_snake_case")
    hit = rep.text(node, "hit_policy", path, "first")
    if "hit_policy" in node and hit not in HIT_POLICIES:
        rep((*path, "hit_policy"), "invalid_hit_policy",
            f"hit policy {hit!r} is not one of {', '.join(HIT_POLICIES)}{did_you_mean(hit, HIT_POLICIES)}")
    purpose = rep.text(node, "purpose", path)
    if "purpose" in node and purpose not in PURPOSES:
        rep((*path, "purpose"), "invalid_purpose",
            f"purpose {purpose!r} is not one of {', '.join(PURPOSES)}{did_you_mean(purpose, PURPOSES)}")
    inputs = _parse_fields(node.get("inputs"), (*path, "inputs"), rep, "input")
    outputs = _parse_fields(node.get("outputs"), (*path, "outputs"), rep, "output")
    ctx = ConditionContext(inputs=dict(inputs, as_of=FieldSpec("as_of", "datetime", "time of the decision")),
                           categories=taxonomy.categories, groups=taxonomy.groups, report=rep)
    policy = Policy(
        id=pid, file=rep.doc.file, line=rep.line(path), title=rep.text(node, "title", path, pid),
        description=rep.text(node, "description", path), purpose=purpose, hit_policy=hit,
        inputs=inputs, outputs=outputs, rules=[], default={}, aggregate={}, examples=[])
    for i, rule_node in enumerate(rep.list_of(node, "rules", path)):
        _add_rule(policy, rule_node, (*path, "rules", i), rep, ctx, "rule")
    if "table" in node:
        _add_table(policy, node["table"], (*path, "table"), rep, ctx)
    if not policy.rules:
        rep(path, "no_rules", f"policy {pid!r} has no rules")
    if len(policy.rules) > MAX_RULES:
        rep(path, "policy_too_large", f"{len(policy.rules)} rules; the engine compiles at most {MAX_RULES} "
            "safely in one policy: split the table into several policies")
    if "default" in node:
        policy.default = parse_outputs(node["default"], (*path, "default"), rep, policy)
        if hit == "checklist":
            rep((*path, "default"), "invalid_default", "a checklist has no default: its answer is which rules held")
    _parse_aggregate(policy, node.get("aggregate"), (*path, "aggregate"), rep)
    rule_nodes = node.get("rules") if isinstance(node.get("rules"), list) else []
    explicit = any(isinstance(r, dict) and "priority" in r for r in rule_nodes)
    _check_priorities(policy, path, rep, explicit)
    policy.examples = parse_examples(node.get("examples"), (*path, "examples"), rep, policy)
    gaps = node.get("gaps_allowed", False)
    if not isinstance(gaps, bool):
        rep((*path, "gaps_allowed"), "wrong_type", "gaps_allowed is true or false")
    policy.gaps_allowed = gaps is True
    policy.rules_in_force_at = _rules_in_force_at(node, path, rep, inputs)
    return policy


def _rules_in_force_at(node: dict[str, Any], path: Path, rep: Reporter, inputs: dict[str, FieldSpec]) -> str | None:
    """The datetime input whose time picks the policy version that judges (e.g. when the order was placed)."""
    name = node.get("rules_in_force_at")
    if name is None:
        return None
    spec = inputs.get(name) if isinstance(name, str) else None
    if spec is None:
        rep((*path, "rules_in_force_at"), "unknown_field",
            f"rules_in_force_at names an input of this policy{did_you_mean(str(name), inputs)}")
        return None
    if spec.type != "datetime":
        rep((*path, "rules_in_force_at"), "type_mismatch", f"rules_in_force_at names a datetime input; {name!r} is "
            f"{spec.type}")
        return None
    return str(name)


def _parse_fields(node: Any, path: Path, rep: Reporter, what: str) -> dict[str, FieldSpec]:
    if not isinstance(node, dict):
        rep(path, "wrong_type", f"{what}s must be a mapping of field names to declarations")
        return {}
    specs: dict[str, FieldSpec] = {}
    for name, decl in node.items():
        fpath = (*path, name)
        if not NAME_RE.match(name) or name in RESERVED_NAMES or name == "as_of":
            rep(fpath, "invalid_name", f"{what} name {name!r} must be lower_snake_case and not reserved")
            continue
        decl = {"type": decl} if isinstance(decl, str) else decl
        decl = rep.mapping(decl, fpath, FIELD_KEYS, FIELD_OPTIONAL, f"{what} {name!r}")
        ftype = decl.get("type")
        if "type" not in decl:
            ftype = INVALID_TYPE  # missing_key is reported; one mistake, one report
        elif ftype not in FIELD_TYPES:
            rep((*fpath, "type"), "unknown_type", f"type {ftype!r} of {name!r} is not one of "
                f"{', '.join(FIELD_TYPES)}{did_you_mean(str(ftype), FIELD_TYPES)}")
            ftype = INVALID_TYPE  # declared, so rules and examples naming it are not reported again
        raw_values = decl.get("values", [])
        if not isinstance(raw_values, list) or not all(isinstance(v, str) for v in raw_values):
            rep((*fpath, "values"), "wrong_type", f"values of {name!r} are a list of text, e.g. [trial, L1]")
            raw_values, ftype = [], INVALID_TYPE
        values = tuple(raw_values)
        if ftype == "enum" and not values and "values" not in decl:
            rep(fpath, "missing_key", f"enum {name!r} needs its values")
        derived: tuple[str, ...] = ()
        less = None
        if "derived" in decl:
            how = rep.mapping(decl["derived"], (*fpath, "derived"), DERIVED_KEYS, DERIVED_OPTIONAL, "a derived input")
            factors = how.get("product_of", [])
            if isinstance(factors, list) and all(isinstance(f, str) for f in factors):
                derived = tuple(factors)
            elif "product_of" in how:
                rep((*fpath, "derived", "product_of"), "wrong_type", "product_of is a list of input names")
                ftype = INVALID_TYPE
            less = how.get("less")
            if less is not None and not isinstance(less, str):
                rep((*fpath, "derived", "less"), "wrong_type", "less names one input")
                less = None
        specs[name] = FieldSpec(name=name, type=ftype, description=str(decl.get("description", "")),
                                optional=bool(decl.get("optional", False)), values=values,
                                basis=decl.get("basis"), derived=derived, less=less)
    for spec in specs.values():
        for factor in (*spec.derived, *([spec.less] if spec.less else [])):
            if factor not in specs:
                rep((*path, spec.name, "derived"), "unknown_field",
                    f"{spec.name} is derived from unknown input {factor!r}{did_you_mean(factor, specs)}")
    return specs


def _add_rule(policy: Policy, node: Any, path: Path, rep: Reporter, ctx: ConditionContext, source: str,
              condition: Condition | None = None) -> None:
    node = rep.mapping(node, path, RULE_REQUIRED, RULE_OPTIONAL, f"a {source}")
    rid = node.get("id")
    if not isinstance(rid, str):
        if "id" in node:
            rep((*path, "id"), "wrong_type", f"rule id {rid!r} must be text (quote it; YAML reads 11_11 as 1111)")
        return
    if not NAME_RE.match(rid):
        rep((*path, "id"), "invalid_name", f"rule id {rid!r} must be lower_snake_case")
    if any(r.id == rid for r in policy.rules):
        rep((*path, "id"), "duplicate_rule_id", f"rule id {rid!r} is used twice in policy {policy.id!r}")
        return
    if condition is None:
        condition = parse_condition(node["when"], (*path, "when"), ctx) if "when" in node else TRUE
    check_negatable(condition, (*path, "when"), rep)
    if (ways := width(condition)) > PART_WIDTH:
        rep((*path, "when"), "condition_too_wide", f"this condition can match one input {ways} ways at once "
            f"(the alternatives of its any/not multiply); the engine answers at most {PART_WIDTH}: split the rule")
    priority = node.get("priority", len(policy.rules) + 1)
    if not isinstance(priority, int) or isinstance(priority, bool) or not 1 <= priority <= 1_000_000:
        rep((*path, "priority"), "wrong_type", "priority must be a whole number from 1 to 1,000,000")
        priority = len(policy.rules) + 1
    then = parse_outputs(node.get("then", {}), (*path, "then"), rep, policy)
    policy.rules.append(Rule(id=rid, description=rep.text(node, "description", path), condition=condition,
                             then=then, priority=priority, line=rep.line(path), source=source))


def _add_table(policy: Policy, node: Any, path: Path, rep: Reporter, ctx: ConditionContext) -> None:
    node = rep.mapping(node, path, TABLE_KEYS, TABLE_OPTIONAL, "a decision table")
    columns = [c for c in rep.list_of(node, "columns", path) if isinstance(c, str)]
    for c in columns:
        if c not in policy.inputs:
            rep((*path, "columns"), "unknown_field", f"table column {c!r} is not a declared input"
                f"{did_you_mean(c, policy.inputs)}")
    policy.table_columns = tuple(columns)
    for i, row in enumerate(rep.list_of(node, "rows", path)):
        rpath = (*path, "rows", i)
        if not isinstance(row, dict):
            rep(rpath, "wrong_type", "a table row is a mapping")
            continue
        cells = {k: v for k, v in row.items() if k not in RULE_KEYS}
        for k in cells:
            if k not in columns:
                rep((*rpath, k), "unknown_key", f"{k!r} is not a column of this table{did_you_mean(k, columns)}")
        when = {k: v for k, v in cells.items() if k in columns and v != "-"}
        cond = parse_condition(when, rpath, ctx) if when else TRUE
        if "when" in row:  # a row may add a condition on inputs that are not columns
            extra = parse_condition(row["when"], (*rpath, "when"), ctx)
            cond = All((cond, extra)) if when else extra
        rest = {k: v for k, v in row.items() if k in RULE_KEYS}
        _add_rule(policy, rest, rpath, rep, ctx, "table row", condition=cond)


# What each aggregate takes (DMN 1.4: sum of numbers; min and max of ordered values); count takes any type.
AGGREGATE_TYPES = {"sum": frozenset({"money", "integer", "rate"}),
                   "min": frozenset({"money", "integer", "rate", "text", "date", "datetime"}),
                   "max": frozenset({"money", "integer", "rate", "text", "date", "datetime"})}


def _parse_aggregate(policy: Policy, node: Any, path: Path, rep: Reporter) -> None:
    if node is None:
        return
    if policy.hit_policy != "collect" or not isinstance(node, dict):
        rep(path, "invalid_aggregate", "aggregate is a mapping of output -> sum/min/max/count, for collect policies")
        return
    for out, how in node.items():
        if out not in policy.outputs or how not in AGGREGATES:
            rep((*path, out), "invalid_aggregate", f"aggregate {out}: {how} needs a declared output and one of "
                f"{', '.join(AGGREGATES)}")
        elif how in AGGREGATE_TYPES and policy.outputs[out].type not in AGGREGATE_TYPES[how]:
            rep((*path, out), "invalid_aggregate", f"aggregate {out}: {how} takes "
                f"{', '.join(sorted(AGGREGATE_TYPES[how]))}; {out} is {policy.outputs[out].type}")
        else:
            policy.aggregate[out] = how


def _check_priorities(policy: Policy, path: Path, rep: Reporter, explicit: bool) -> None:
    """Explicit priorities must give a strict order. Without them, as in DMN, the rule whose value of the
    policy's first enum output comes earliest in that output's `values` wins (ties: the earlier rule)."""
    if policy.hit_policy != "priority":
        return
    ranked = next((o for o in policy.outputs.values() if o.type == "enum" and o.values), None)
    if not explicit and ranked is not None:
        order = {v: i for i, v in enumerate(ranked.values)}

        def rank(item: tuple[int, Rule]) -> tuple[int, int]:
            value = item[1].then.get(ranked.name)
            return (order.get(value.value, len(order)) if isinstance(value, Literal) and isinstance(value.value, str)
                    else len(order), item[0])
        by_value = sorted(enumerate(policy.rules), key=rank)
        place = {rule.id: n for n, (_, rule) in enumerate(by_value, 1)}
        policy.rules[:] = [dataclasses.replace(rule, priority=place[rule.id]) for rule in policy.rules]
        return
    seen: dict[int, str] = {}
    for rule in policy.rules:
        if rule.priority in seen:
            rep(path, "priority_conflict", f"rules {seen[rule.priority]!r} and {rule.id!r} share priority "
                f"{rule.priority}; a priority policy needs a strict order")
        seen[rule.priority] = rule.id
