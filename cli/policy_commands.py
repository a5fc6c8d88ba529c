"""Policy-team commands: `xiaopu validate`, `xiaopu test`, `xiaopu eval`."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from cli.output import parse_as_of
from engine import Evaluator, PolicyError, PolicySetInvalid, load_policy_set
from engine.contract import check_contract
from engine.diff import diff
from engine.examples import run_examples
from engine.lint import lint
from engine.output_ranges import OutputRanges
from workflows.policies.contract import SERVICE_CONTRACT, SERVICE_INPUTS, SERVICE_RANGES


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("validate", help="check the policy set; print every problem as file:line:col: code: message")
    p.add_argument("path", nargs="?", default=".", help="folder holding policies.yaml, or the manifest itself")
    p.set_defaults(handler=validate)

    p = sub.add_parser("test", help="run every policy's examples; fail on rules no example exercises")
    p.add_argument("path", nargs="?", default=".")
    p.add_argument("-v", "--verbose", action="store_true", help="list every example, not only failures")
    p.set_defaults(handler=test)

    p = sub.add_parser("lint", help="find overlapping unique rows, gaps and rules that never fire, with inputs")
    p.add_argument("path", nargs="?", default=".")
    p.set_defaults(handler=lint_command)

    p = sub.add_parser("diff", help="what changed between two policy sets, in business words")
    p.add_argument("old", help="folder (or manifest) of the policy set in force")
    p.add_argument("new", help="folder (or manifest) of the candidate")
    p.add_argument("--json", action="store_true", help="print the changes as JSON")
    p.set_defaults(handler=diff_command)

    p = sub.add_parser("eval", help="evaluate one policy on facts and print the decision")
    p.add_argument("policy", help="policy id, e.g. commission")
    p.add_argument("--facts", required=True, help="JSON file of facts, or - for standard input")
    p.add_argument("--as-of", help="decision time, ISO 8601 with offset (default: now, UTC)")
    p.add_argument("--explain", action="store_true", help="readable account with near misses")
    p.add_argument("--policies", default=".", help="folder holding policies.yaml")
    p.set_defaults(handler=evaluate)


# The program the service serves: its sets are held to the service's contract. A set of another program (a
# fixture, a teaching example) is checked as a policy set only; publishing always checks the contract.
SERVED_PROGRAM = "xiaopu-program"


def _load(path: str, *, contract: bool = False) -> Evaluator | None:
    try:
        pset = load_policy_set(path)
        served = contract and pset.name == SERVED_PROGRAM
        broken = check_contract(pset, SERVICE_CONTRACT, SERVICE_INPUTS, SERVICE_RANGES) if served else []
        if broken:
            raise PolicySetInvalid(broken)
        return Evaluator(pset)
    except PolicySetInvalid as exc:
        for d in exc.diagnostics:
            print(d, file=sys.stderr)
        print(f"{len(exc.diagnostics)} problem(s); the policy set is not valid", file=sys.stderr)
        return None


def served_ranges(evaluator: Evaluator) -> OutputRanges | None:
    """The output ranges the service needs, for the program it serves (not for a fixture's set)."""
    return SERVICE_RANGES if evaluator.policy_set.name == SERVED_PROGRAM else None


def validate(args: argparse.Namespace) -> int:
    evaluator = _load(args.path, contract=True)
    if evaluator is None:
        return 1
    pset = evaluator.policy_set
    rules = sum(len(p.rules) for p in pset.policies.values())
    print(f"{pset.name} {pset.label}: {len(pset.policies)} policies, {rules} rules, valid")
    return 0


def test(args: argparse.Namespace) -> int:
    evaluator = _load(args.path, contract=True)
    if evaluator is None:
        return 1
    ranges = served_ranges(evaluator)
    report = run_examples(evaluator, ranges)
    for r in report.results:
        if not r.passed or args.verbose:
            print(f"{r.file}:{r.line}: {'ok  ' if r.passed else 'FAIL'} {r.policy}: {r.name}")
            for problem in r.problems:
                print(f"    {problem}")
    for line in report.uncovered:
        print(line)
    findings = lint(evaluator.policy_set, ranges)
    for finding in findings:
        print(finding)
    passed = sum(r.passed for r in report.results)
    failed = len(report.results) - passed
    print(f"examples: {passed} passed, {failed} failed; rules without an example: {len(report.uncovered)}; "
          f"lint findings: {len(findings)}")
    return 0 if report.passed and not findings else 1


def lint_command(args: argparse.Namespace) -> int:
    evaluator = _load(args.path)
    if evaluator is None:
        return 1
    findings = lint(evaluator.policy_set, served_ranges(evaluator))
    for finding in findings:
        print(finding)
    print(f"lint: {len(findings)} finding(s) in {len(evaluator.policy_set.policies)} policies")
    return 1 if findings else 0


def diff_command(args: argparse.Namespace) -> int:
    old, new = _load(args.old), _load(args.new)
    if old is None or new is None:
        return 1
    changes = diff(old.policy_set, new.policy_set)
    if args.json:
        print(json.dumps([vars(c) for c in changes], ensure_ascii=False, indent=2))
    else:
        print(f"{old.policy_set.label} -> {new.policy_set.label}: {len(changes)} change(s)")
        for change in changes:
            print(f"  {change}")
    return 0


def _read_facts(source: str) -> Any:
    if source == "-":
        return json.loads(sys.stdin.read())
    with open(source, encoding="utf-8") as f:
        text = f.read()
    return json.loads(text)


def evaluate(args: argparse.Namespace) -> int:
    evaluator = _load(args.policies)
    if evaluator is None:
        return 1
    try:
        facts = _read_facts(args.facts)
        as_of = parse_as_of(args.as_of)
        decision = evaluator.evaluate(args.policy, facts, as_of=as_of, money_ints_are_fen=False,
                                      explain=args.explain)
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except PolicyError as exc:
        print(f"error: {exc.code}: {exc.message}", file=sys.stderr)
        return 2
    print(decision.to_text() if args.explain else json.dumps(decision.to_dict(), ensure_ascii=False, indent=2))
    return 0
