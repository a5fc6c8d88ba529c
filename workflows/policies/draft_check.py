"""The check of a draft, as the workbench shows it after every change: the validator's diagnostics, the service's
contract, each example's result (expected against got), the rules no example covers, the lint's findings with
the input that shows each, and, when asked, one input evaluated with the full explanation (what-if).

A draft is a candidate: it is compiled in a child process with the limits of `candidate_check` (a set can
crash the C engine), never in the serving process. A crash or a limit is one more diagnostic of the draft.

Run as `python -m workflows.policies.draft_check`: reads `{"files": {...}, "what_if": {...}?}` on standard input.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from collections.abc import Mapping, Sequence
from typing import Any

from engine import Evaluator, PolicyError, PolicySetInvalid, load_policy_bundle
from engine.contract import check_contract
from engine.errors import Diagnostic, FactError
from engine.examples import run_examples
from engine.fields import to_human
from engine.lint import lint
from engine.model import PolicySet
from engine.policy_values import output_specs
from workflows.policies.candidate_check import CheckLimits, _verdict, run_confined
from workflows.policies.check_verdicts import TIMELESS, is_timeless
from workflows.policies.contract import SERVICE_CONTRACT, SERVICE_INPUTS, SERVICE_RANGES
from workflows.policies.soundness import PolicyRejected

CHILD = (sys.executable, "-m", "workflows.policies.draft_check")
DEFAULT_LIMITS = CheckLimits()
_LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+)(?::(?P<col>\d+))?: (?P<code>[a-z_]+): (?P<message>.*)$", re.S)


def problem(text: str) -> dict[str, Any]:
    """`file:line[:col]: code: message` as its parts."""
    m = _LINE.match(text)
    if m is None:
        return {"file": "policies.yaml", "line": 1, "col": 1, "code": "policy_rejected", "message": text}
    return {"file": m["file"], "line": int(m["line"]), "col": int(m["col"] or 1), "code": m["code"],
            "message": m["message"]}


def _diagnostic(d: Diagnostic) -> dict[str, Any]:
    return {"file": d.file, "line": d.line, "col": d.col, "code": d.code, "message": d.message}


def _examples(evaluator: Evaluator) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    pset = evaluator.policy_set
    report = run_examples(evaluator, SERVICE_RANGES)
    by_key = {(r.policy, r.name): r for r in report.results}
    default_as_of = pset.effective_from or dt.datetime.now(dt.UTC)
    results = []
    for policy in pset.policies.values():
        specs = output_specs(policy)
        for ex in policy.examples:
            result = by_key[(policy.id, ex.name)]
            got: dict[str, Any] = {}
            fired: list[str] | None = None
            if ex.facts is not None:
                try:
                    decision = evaluator.evaluate(policy.id, ex.facts, as_of=ex.as_of or default_as_of,
                                                  money_ints_are_fen=False)
                    got = {k: to_human(specs[k].type if k in specs else "text", v) for k, v in decision.outputs.items()}
                    fired = decision.fired_ids
                except PolicyError:
                    pass
            outputs = [{"name": name, "expected": str(raw), "got": got.get(name)}
                       for name, raw in ex.expect_outputs.items()]
            results.append({"policy": policy.id, "name": ex.name, "file": policy.file, "line": ex.line,
                            "passed": result.passed, "problems": result.problems, "outputs": outputs,
                            "fired_expected": list(ex.expect_fired) if ex.expect_fired is not None else None,
                            "fired_got": fired})
    return results, [problem(u) for u in report.uncovered]


def what_if(evaluator: Evaluator, request: Mapping[str, Any]) -> dict[str, Any]:
    """One input evaluated with the explanation: outputs, fired rules with the values they matched, and the
    rules that did not fire with how far each missed (near misses)."""
    as_of = dt.datetime.fromisoformat(str(request["as_of"])) if request.get("as_of") else dt.datetime.now(dt.UTC)
    try:
        decision = evaluator.evaluate(str(request["policy"]), request.get("facts") or {}, as_of=as_of,
                                      money_ints_are_fen=False, explain=True)
    except FactError as exc:
        return {"error": {"code": exc.code, "message": exc.message, "errors": exc.field_errors()}}
    except PolicyError as exc:
        return {"error": {"code": exc.code, "message": exc.message, "errors": []}}
    return {"decision": decision.to_dict(), "text": decision.to_text()}


def check(files: Mapping[str, str], what_if_request: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The whole check of a draft's files (in this process: the child runs it)."""
    result: dict[str, Any] = {"diagnostics": [], "examples": [], "uncovered": [], "lint": [], "what_if": None}
    try:
        pset: PolicySet = load_policy_bundle(files, candidate=True)
    except PolicySetInvalid as exc:
        result["diagnostics"] = [_diagnostic(d) for d in exc.diagnostics]
        return result
    result["content_hash"] = pset.content_hash
    result[TIMELESS] = is_timeless({"what_if": what_if_request}, pset.effective_from)
    result["diagnostics"] = [_diagnostic(d) for d in check_contract(pset, SERVICE_CONTRACT, SERVICE_INPUTS,
                                                                     SERVICE_RANGES)]
    evaluator = Evaluator(pset)
    try:
        result["examples"], result["uncovered"] = _examples(evaluator)
        result["lint"] = [{"file": f.file, "line": f.line, "col": 1, "code": f.code, "message": f.message,
                           "example": f.example} for f in lint(pset, SERVICE_RANGES)]
        if what_if_request is not None:
            result["what_if"] = what_if(evaluator, what_if_request)
    finally:
        evaluator.close()
    return result


def summary(result: dict[str, Any]) -> dict[str, Any]:
    """The check with its verdict: `valid` (it loads and keeps the contract), `passed` (and every example passes,
    every rule is covered, the lint is clean: what a proposal needs)."""
    valid = not result["diagnostics"]
    failing = [e for e in result["examples"] if not e["passed"]]
    return {"valid": valid, "passed": valid and not failing and not result["uncovered"] and not result["lint"],
            "examples_failed": len(failing), **result}


async def checked_draft(files: Mapping[str, str], limits: CheckLimits = DEFAULT_LIMITS,
                        what_if_request: Mapping[str, Any] | None = None,
                        command: Sequence[str] = CHILD) -> dict[str, Any]:
    """The check of `files`, run in a child process with `limits`; a crash or a limit is a diagnostic."""
    ran = await run_confined(command, {"files": dict(files), "what_if": what_if_request}, limits)
    if ran is None:
        return summary(_failed(problem(f"policies.yaml:1: compiler_limit: checking the draft took longer than "
                                       f"{limits.seconds:g} s; simplify its patterns and conditions")))
    try:
        verdict = _verdict(*ran, limits)
    except PolicyRejected as exc:
        return summary(_failed(*(problem(p) for p in exc.extra.get("problems", []))))
    return summary(verdict)


def _failed(*diagnostics: dict[str, Any]) -> dict[str, Any]:
    return {"diagnostics": list(diagnostics), "examples": [], "uncovered": [], "lint": [], "what_if": None}


def main() -> int:
    request = json.loads(sys.stdin.buffer.read().decode("utf-8"))
    try:
        result = check(request["files"], request.get("what_if"))
    except Exception as exc:  # noqa: BLE001 - whatever the engine raises is the draft's problem
        result = _failed(problem(f"policies.yaml:1: compiler_failed: the policy compiler refused the draft: {exc}"
                                 [:500]))
    json.dump(result, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
