"""Turn the YAML form of a condition into the typed tree, reporting every problem with its position."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from engine.conditions import (
    COMPARISONS,
    OPERATORS,
    All,
    Any_,
    Compare,
    Condition,
    Exists,
    FieldRef,
    Matches,
    Not,
    OneOf,
)
from engine.errors import Diagnostic, did_you_mean
from engine.fields import INVALID_TYPE, FieldSpec, UnitMissing, ValueProblem, to_engine
from engine.patterns import PatternProblem, translate
from engine.yaml_source import Path

Report = Callable[[Path, str, str], None]
# all/any/not nest at most this deep: the engine refuses rulesets about 50 deep, and no policy needs more.
MAX_CONDITION_DEPTH = 10
LOGICAL = ("all", "any", "not")  # a mapping with one of them holds nothing else


@dataclass
class ConditionContext:
    """What a condition may refer to: the policy's inputs and the taxonomy."""

    inputs: dict[str, FieldSpec]
    categories: frozenset[str]
    groups: dict[str, tuple[str, ...]]
    report: Report

    def literal(self, spec: FieldSpec, value: Any, path: Path) -> Any:
        try:
            return to_engine(spec, value, categories=self.categories, money_ints_are_fen=False, rate_ints_are_bp=False)
        except ValueProblem as exc:
            code = "unknown_category" if spec.type == "category" and isinstance(value, str) else (
                "rate_without_unit" if isinstance(exc, UnitMissing) else "type_mismatch")
            self.report(path, code, f"{spec.name} is {spec.type}: {exc}")
            return None


def parse_condition(node: Any, path: Path, ctx: ConditionContext) -> Condition:
    if not isinstance(node, dict) or not node:
        ctx.report(path, "invalid_condition", "a condition is a mapping of fields to tests, or all/any/not")
        return All(())
    logical = [k for k in node if k in LOGICAL]
    if logical and len(node) > 1:
        ctx.report(path, "invalid_condition", f"'{logical[0]}' must stand alone in its mapping; nest the others")
        return All(())
    if logical and sum(1 for step in path if step in LOGICAL) >= MAX_CONDITION_DEPTH:
        ctx.report(path, "condition_too_deep", f"all/any/not nest at most {MAX_CONDITION_DEPTH} deep; "
                   "split the rule or name the intermediate result in an earlier policy")
        return All(())
    if "not" in node:
        return Not(parse_condition(node["not"], (*path, "not"), ctx))
    if logical:
        key = logical[0]
        items = node[key]
        if not isinstance(items, list) or not items:
            ctx.report((*path, key), "invalid_condition", f"'{key}' takes a non-empty list of conditions")
            return All(())
        parts = tuple(parse_condition(c, (*path, key, i), ctx) for i, c in enumerate(items))
        return All(parts) if key == "all" else Any_(parts)
    tests = [_parse_field_tests(name, test, (*path, name), ctx) for name, test in node.items()]
    return tests[0] if len(tests) == 1 else All(tuple(tests))


def _parse_field_tests(name: str, test: Any, path: Path, ctx: ConditionContext) -> Condition:
    spec = ctx.inputs.get(name)
    if spec is None:
        ctx.report(path, "unknown_field",
                   f"no input named {name!r} is declared{did_you_mean(name, ctx.inputs)}")
        return All(())
    if not isinstance(test, dict):
        op, arg = ("in", test) if isinstance(test, list) else ("eq", test)
        return _parse_test(spec, op, arg, path, ctx)
    if not test:
        ctx.report(path, "invalid_condition", f"{name}: no test given")
        return All(())
    parts = tuple(_parse_test(spec, op, arg, (*path, op), ctx) for op, arg in test.items())
    return parts[0] if len(parts) == 1 else All(parts)


def _parse_test(spec: FieldSpec, op: str, arg: Any, path: Path, ctx: ConditionContext) -> Condition:
    if spec.type == INVALID_TYPE:
        return All(())  # its declaration is already reported
    if op not in OPERATORS:
        ctx.report(path, "unknown_operator", f"unknown operator {op!r}{did_you_mean(op, OPERATORS)}; "
                   f"use one of {', '.join(OPERATORS)}")
        return All(())
    if op in COMPARISONS:
        return _parse_comparison(spec, op, arg, path, ctx)
    if op in ("in", "not_in"):
        if not isinstance(arg, list) or not arg:
            ctx.report(path, "type_mismatch", f"{spec.name} {op}: give a non-empty list")
            return All(())
        values = tuple(ctx.literal(spec, v, (*path, i)) for i, v in enumerate(arg))
        return OneOf(spec.name, values, negate=op == "not_in")
    if op == "exists":
        if not isinstance(arg, bool):
            ctx.report(path, "type_mismatch", "exists takes true or false")
        return Exists(spec.name, bool(arg))
    if op == "matches":
        return _parse_matches(spec, arg, path, ctx)
    return _parse_in_group(spec, arg, path, ctx)


def _parse_comparison(spec: FieldSpec, op: str, arg: Any, path: Path, ctx: ConditionContext) -> Condition:
    if op not in ("eq", "ne") and not spec.ordered:
        ctx.report(path, "type_mismatch", f"{spec.name} is {spec.type}; {op} needs an ordered type "
                   "(money, rate, integer, date, datetime)")
        return All(())
    if isinstance(arg, dict) and set(arg) == {"field"}:
        if not isinstance(arg["field"], str):
            ctx.report(path, "type_mismatch", f"{spec.name} {op}: {{field: ...}} names one input")
            return All(())
        other = ctx.inputs.get(arg["field"])
        if other is None:
            ctx.report((*path, "field"), "unknown_field",
                       f"no input named {arg['field']!r} is declared{did_you_mean(str(arg['field']), ctx.inputs)}")
            return All(())
        if other.type != spec.type:
            ctx.report(path, "type_mismatch", f"cannot compare {spec.name} ({spec.type}) with "
                       f"{other.name} ({other.type})")
            return All(())
        return Compare(spec.name, op, FieldRef(other.name))
    return Compare(spec.name, op, ctx.literal(spec, arg, path))


def _parse_matches(spec: FieldSpec, arg: Any, path: Path, ctx: ConditionContext) -> Condition:
    if spec.type != "text":
        ctx.report(path, "type_mismatch", f"{spec.name} is {spec.type}; matches works on text fields")
        return All(())
    if not isinstance(arg, str):
        ctx.report(path, "invalid_pattern", "matches takes a pattern written as text")
        return All(())
    try:
        return Matches(spec.name, arg, translate(arg))
    except PatternProblem as exc:
        ctx.report(path, "invalid_pattern", f"{arg!r}: {exc}")
        return All(())


def _parse_in_group(spec: FieldSpec, arg: Any, path: Path, ctx: ConditionContext) -> Condition:
    if spec.type != "category":
        ctx.report(path, "type_mismatch", f"{spec.name} is {spec.type}; in_group works on category fields")
        return All(())
    names = arg if isinstance(arg, list) else [arg]
    values: list[str] = []
    for name in names:
        if not isinstance(name, str):
            ctx.report(path, "type_mismatch", "in_group takes a group name or a list of group names")
            continue
        if name not in ctx.groups:
            ctx.report(path, "unknown_category",
                       f"no category group {name!r} in the taxonomy{did_you_mean(str(name), ctx.groups)}")
            continue
        values.extend(ctx.groups[name])
    return OneOf(spec.name, tuple(values), label=" or ".join(map(str, names)))


def check_negatable(cond: Condition, path: Path, report: Report, under_not: bool = False) -> None:
    """The engine cannot negate a pattern match; say so instead of compiling something else."""
    if isinstance(cond, Not):
        check_negatable(cond.item, path, report, not under_not)
    elif isinstance(cond, All | Any_):
        for c in cond.items:
            check_negatable(c, path, report, under_not)
    elif isinstance(cond, Matches) and under_not:
        report(path, "unsupported_negation", f"'not' cannot wrap 'matches' on {cond.field}: the engine has no "
               "negated pattern; write the pattern of the values you want instead")


__all__ = ["ConditionContext", "Diagnostic", "check_negatable", "parse_condition"]
