"""What a candidate policy set must be before it is stored, proposed or published: valid, holding the service's
contract, every example passing, every rule covered, the lint clean. Imports the engine only: the child process
that checks a candidate (candidate_check.py, draft_check.py) starts on every check, so it loads no database
layer.
"""

from __future__ import annotations

from collections.abc import Mapping

from engine import Evaluator, PolicySet, PolicySetInvalid, load_policy_bundle
from engine.contract import check_contract
from engine.examples import run_examples
from engine.lint import lint
from workflows.common.errors import InvalidInput
from workflows.policies.contract import SERVICE_CONTRACT, SERVICE_INPUTS, SERVICE_RANGES


class PolicyRejected(InvalidInput):
    """The candidate is not valid, an example fails, a rule has no example, or the lint finds something."""

    code = "policy_rejected"


def checked_policy_set(files: Mapping[str, str]) -> PolicySet:
    """Load a candidate from its texts and hold it to what `xiaopu test` demands; PolicyRejected lists why not."""
    try:
        pset = load_policy_bundle(files, candidate=True)
    except PolicySetInvalid as exc:
        raise PolicyRejected(f"the policy set is not valid: {len(exc.diagnostics)} problem(s)",
                             problems=[str(d) for d in exc.diagnostics]) from None
    broken = check_contract(pset, SERVICE_CONTRACT, SERVICE_INPUTS, SERVICE_RANGES)
    if broken:
        raise PolicyRejected(f"the policy set breaks what the service needs: {len(broken)} problem(s)",
                             problems=[str(d) for d in broken])
    evaluator = Evaluator(pset)
    try:
        report = run_examples(evaluator, SERVICE_RANGES)
    finally:
        evaluator.close()
    problems = [f"{r.file}:{r.line}: example_failed: {r.policy}: {r.name}: {p}"
                for r in report.results for p in r.problems]
    problems += report.uncovered + [str(f) for f in lint(pset, SERVICE_RANGES)]
    if problems:
        raise PolicyRejected(f"the policy set does not pass its tests: {len(problems)} problem(s)", problems=problems)
    return pset
