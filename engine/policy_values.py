"""Rule outputs (`then`, `default`) and examples: the data parts of a policy."""

from __future__ import annotations

import datetime as dt
from typing import Any

from engine.errors import did_you_mean
from engine.fields import INVALID_TYPE, FieldSpec, UnitMissing, ValueProblem, to_engine
from engine.model import Example, FromInput, Literal, OutputValue, PerUnitOf, Policy, Product, RateOf
from engine.structure import Reporter
from engine.yaml_source import Path

EXAMPLE_KEYS = ("name", "facts", "expect")
EXAMPLE_OPTIONAL = ("as_of", "description")
EXPECT_OPTIONAL = ("outputs", "fired", "failed")
CHECKLIST_OUTPUT = FieldSpec("passed", "boolean", "every requirement passed")


def output_specs(policy: Policy) -> dict[str, FieldSpec]:
    """Declared outputs, plus `passed` for a checklist."""
    if policy.hit_policy == "checklist":
        return dict(policy.outputs, passed=CHECKLIST_OUTPUT)
    return policy.outputs


def parse_outputs(node: Any, path: Path, rep: Reporter, policy: Policy) -> dict[str, OutputValue]:
    if not isinstance(node, dict):
        rep(path, "wrong_type", "outputs are a mapping of output names to values")
        return {}
    out: dict[str, OutputValue] = {}
    for name, value in node.items():
        spec = policy.outputs.get(name)
        if spec is None:
            rep((*path, name), "unknown_output",
                f"no output named {name!r} is declared{did_you_mean(name, policy.outputs)}")
            continue
        parsed = _parse_output(spec, value, (*path, name), rep, policy)
        if parsed is not None:
            out[name] = parsed
    return out


def _input_ref(name: Any, want: tuple[str, ...], path: Path, rep: Reporter, policy: Policy) -> FromInput | None:
    spec = policy.inputs.get(name) if isinstance(name, str) else None
    if spec is not None and spec.type == INVALID_TYPE:
        return None  # its declaration is already reported
    if spec is None:
        rep(path, "unknown_field", f"no input named {name!r} is declared{did_you_mean(str(name), policy.inputs)}")
        return None
    if spec.type not in want:
        rep(path, "type_mismatch", f"input {name} is {spec.type}; here it must be {' or '.join(want)}")
        return None
    return FromInput(name)


def _parse_output(spec: FieldSpec, value: Any, path: Path, rep: Reporter, policy: Policy) -> OutputValue | None:
    if isinstance(value, dict) and set(value) == {"from"}:
        return _input_ref(value["from"], (spec.type,), (*path, "from"), rep, policy)
    if isinstance(value, dict) and set(value) == {"rate", "of"}:
        if spec.type != "money":
            rep(path, "type_mismatch", f"{spec.name} is {spec.type}; 'rate of' gives money")
            return None
        rate_node = value["rate"]
        rate: Literal | FromInput | None
        if isinstance(rate_node, dict) and set(rate_node) == {"from"}:
            rate = _input_ref(rate_node["from"], ("rate",), (*path, "rate"), rep, policy)
        else:
            rate = _literal(FieldSpec("rate", "rate"), rate_node, (*path, "rate"), rep)
        amount = _input_ref(value["of"], ("money",), (*path, "of"), rep, policy)
        return RateOf(rate, amount.field) if rate is not None and amount is not None else None
    if isinstance(value, dict) and set(value) == {"product_of"}:
        names = value["product_of"] if isinstance(value["product_of"], list) else []
        refs = [_input_ref(n, ("money", "integer") if i == 0 else ("integer",), (*path, "product_of", i), rep, policy)
                for i, n in enumerate(names)]
        if len(refs) < 2:
            rep(path, "wrong_type", "product_of takes a list of at least two inputs: an amount, then counts")
        if spec.type != "money" or any(r is None for r in refs) or len(refs) < 2:
            return None
        return Product(tuple(r for r in refs if r is not None))
    if isinstance(value, dict) and set(value) == {"per_unit", "of", "unit_price"}:
        if spec.type != "money":
            rep(path, "type_mismatch", f"{spec.name} is {spec.type}; 'per_unit of' gives money")
            return None
        unit = _input_ref(value["per_unit"], ("money",), (*path, "per_unit"), rep, policy)
        amount = _input_ref(value["of"], ("money",), (*path, "of"), rep, policy)
        price = _input_ref(value["unit_price"], ("money",), (*path, "unit_price"), rep, policy)
        if unit is None or amount is None or price is None:
            return None
        return PerUnitOf(unit, amount.field, price.field)
    if isinstance(value, dict):
        rep(path, "wrong_type", f"{spec.name}: an output is a value, {{from: input}}, {{rate: .., of: input}}, "
            "{product_of: [inputs]} or {per_unit: input, of: input, unit_price: input}")
        return None
    return _literal(spec, value, path, rep)


def _literal(spec: FieldSpec, value: Any, path: Path, rep: Reporter) -> Literal | None:
    try:
        return Literal(to_engine(spec, value, categories=frozenset(), money_ints_are_fen=False, rate_ints_are_bp=False)
                       if spec.type != "category" else str(value))
    except ValueProblem as exc:
        rep(path, "rate_without_unit" if isinstance(exc, UnitMissing) else "type_mismatch",
            f"{spec.name} is {spec.type}: {exc}")
        return None


def parse_examples(node: Any, path: Path, rep: Reporter, policy: Policy) -> list[Example]:
    if not isinstance(node, list) or not node:
        rep(path, "missing_examples", f"policy {policy.id!r} needs examples: input -> expected outputs and rules")
        return []
    rule_ids = {r.id for r in policy.rules}
    examples = []
    for i, ex in enumerate(node):
        epath = (*path, i)
        ex = rep.mapping(ex, epath, EXAMPLE_KEYS, EXAMPLE_OPTIONAL, "an example")
        if not ex:
            continue
        expect = rep.mapping(ex.get("expect"), (*epath, "expect"), (), EXPECT_OPTIONAL,
                             "an example's expectation")
        _check_example_facts(ex.get("facts"), (*epath, "facts"), rep, policy)
        outputs = expect.get("outputs", {})
        if not isinstance(outputs, dict):
            rep((*epath, "expect", "outputs"), "wrong_type", "expected outputs are a mapping of outputs to values")
            outputs = {}
        specs = output_specs(policy)
        for name in outputs:
            if name not in specs:
                rep((*epath, "expect", "outputs", name), "unknown_output",
                    f"no output named {name!r}{did_you_mean(name, specs)}")
        fired, failed = expect.get("fired"), expect.get("failed")
        for key, ids in (("fired", fired), ("failed", failed)):
            if ids is not None and not (isinstance(ids, list) and all(isinstance(r, str) for r in ids)):
                rep((*epath, "expect", key), "wrong_type", f"{key} is a list of rule ids, e.g. [fresh_fruit_rate]")
                fired, failed = (None, failed) if key == "fired" else (fired, None)
                continue
            for rid in ids or []:
                if rid not in rule_ids:
                    rep((*epath, "expect", key), "unknown_rule",
                        f"example names rule {rid!r}, which policy {policy.id!r} does not have"
                        f"{did_you_mean(str(rid), rule_ids)}")
        as_of = ex.get("as_of")
        if as_of is not None and not (isinstance(as_of, dt.datetime) and as_of.tzinfo is not None):
            rep((*epath, "as_of"), "type_mismatch", "as_of is a time with a UTC offset, like 2026-12-08T10:00:00Z")
            as_of = None
        facts = ex.get("facts")
        examples.append(Example(
            name=str(ex.get("name")), facts=facts if isinstance(facts, dict) else None, as_of=as_of,
            expect_outputs=outputs,
            expect_fired=tuple(fired) if fired is not None else None,
            expect_failed=tuple(failed) if failed is not None else None, line=rep.line(epath)))
    return examples


def _check_example_facts(facts: Any, path: Path, rep: Reporter, policy: Policy) -> None:
    if facts is None:
        return  # missing_key is reported
    if not isinstance(facts, dict):
        rep(path, "wrong_type", "an example's facts are a mapping of inputs to values")
        return
    for name in facts:
        if name not in policy.inputs or policy.inputs[name].derived:
            rep((*path, name), "unknown_field", f"example fact {name!r} is not a declared (non-derived) input"
                f"{did_you_mean(name, policy.inputs)}")
