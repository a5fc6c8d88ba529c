"""A policy change can never crash or stall the service: hostile candidates are refused with `file:line`
diagnostics, the candidate is compiled in a child process under time and memory limits, and the service
answers after every one of them. Python matches patterns with a linear-time engine."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import httpx
import pytest

from engine import load_policy_set, policy_bundle
from tests.commerce.helpers import bearer, ok
from tests.conftest import MakeKey
from tests.onboarding.helpers import application
from tests.policy_versions.helpers import APPROVER, ROOT, approved, edited_files
from workflows.policies.candidate_check import CheckLimits, checked_in_child
from workflows.policies.soundness import PolicyRejected

USCC = '{uscc: {matches: "[0-9A-HJ-NPQRTUWXY]{2}\\\\d{6}[0-9A-HJ-NPQRTUWXY]{10}"}}'
CHECK = "- {uscc_check_character_valid: true}"


def with_uscc_test(test: str) -> dict[str, str]:
    return edited_files({USCC: test}, "rules/supplier_entry.yaml")


def deep_condition(levels: int) -> str:
    return "{uscc_check_character_valid: true}" if levels == 0 else "{not: " + deep_condition(levels - 1) + "}"


HOSTILE = {
    # about 150 nested groups segfault the engine at compile time; 50 nested conditions and {5000} fail it
    "pattern_150_groups": (with_uscc_test('{uscc: {matches: "' + "(" * 150 + "A" + ")" * 150 + '"}}'),
                           "invalid_pattern", "at most 200 characters"),
    "pattern_12_groups": (with_uscc_test('{uscc: {matches: "' + "(" * 12 + "A" + ")" * 12 + '"}}'),
                          "invalid_pattern", "groups nest at most 8 deep"),
    "repeat_5000": (with_uscc_test('{uscc: {matches: "A{5000}"}}'), "invalid_pattern", "repeat count is at most 100"),
    "condition_50_deep": (edited_files({CHECK: "- " + deep_condition(50)}, "rules/supplier_entry.yaml"),
                          "condition_too_deep", "nest at most 10 deep"),
    # deeper than Python's parsers follow (libyaml itself stops at 1,000): "the compiler refused the set: maximum
    # recursion depth exceeded", at no line
    "yaml_900_deep": ({**edited_files({}), "rules/supplier_entry.yaml": "[" * 900 + "]" * 900},
                      "yaml_syntax", "nests too deep"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
async def test_a_hostile_candidate_is_refused_at_its_line_and_the_service_keeps_answering(
        case: str, client: httpx.AsyncClient, make_key: MakeKey) -> None:
    files, code, says = HOSTILE[case]
    admin = bearer(await make_key("policy_admin"))
    for activate in (False, True):
        response = await client.post("/v1/policy-versions", headers=admin, json={
            "files": files, "message": f"hostile: {case}", "activate": activate})
        body = response.json()
        assert (response.status_code, body["code"]) == (422, "policy_rejected"), body
        found = [p for p in body["problems"] if f": {code}: " in p]
        assert found and found[0].startswith("rules/supplier_entry.yaml:") and says in found[0], body["problems"]
    assert (await client.get("/healthz")).status_code == 200
    versions = await ok(await client.get("/v1/policy-versions", headers=admin))
    assert len(versions["versions"]) == 1  # only the shipped set is stored


async def test_a_backtracking_pattern_is_published_and_applications_stay_answered(
        client: httpx.AsyncClient, make_key: MakeKey) -> None:
    """`([0-9A-Z]+)+[0-9A-Z]` is a valid pattern that the examples pass; what made such a pattern dangerous was
    Python's backtracking matcher explaining a 32-character code that fails it (2**31 steps)."""
    admin = bearer(await make_key("policy_admin"))
    await approved(client, await client.post("/v1/policy-versions", headers=admin, json={
        "files": with_uscc_test('{uscc: {matches: "([0-9A-Z]+)+[0-9A-Z]"}}'), "message": "nested quantifier"}),
        bearer(await make_key("policy_admin", person=APPROVER)))
    body = application("APP-SLOW", uscc="A" * 31 + "a")
    report = await ok(await client.post("/v1/supplier-applications", json=body,
                                        headers=bearer(await make_key("supplier", party="SUP-" + body["uscc"]))), 201)
    verdicts = {r["rule_id"]: r["passed"] for r in report["requirements"]}
    assert verdicts["uscc_well_formed"] is False and report["recommendation"] != "approve", report


MATCH_LONG_VALUE = """
from engine.conditions import Matches
from engine.patterns import translate
from engine.reference import holds
pattern = '([0-9A-Z]+)+X'
print(holds(Matches('uscc', pattern, translate(pattern)), {'uscc': 'A' * 5000}))
"""


@pytest.mark.subprocess
def test_python_matches_a_nested_quantifier_in_linear_time() -> None:
    """Backtracking would need about 2**5000 steps for this value; RE2 answers at once (a hang fails here)."""
    result = subprocess.run([sys.executable, "-c", textwrap.dedent(MATCH_LONG_VALUE)], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stdout.strip()) == (0, "False"), result.stderr[-2000:]


ENGINE_CRASH = """
import sys
sys.stdin.read()
from engine.runtime import EngineRuntime
pattern = '(' * 150 + 'A' + ')' * 150  # the validator refuses it; compiled anyway here, it kills the process
EngineRuntime().register('crash', {'m': {'all': [{'m': {'$mt': {'s': pattern}}}], 'pri': 1, 'run': 'm'}})
"""


@pytest.mark.subprocess
async def test_a_compiler_crash_in_the_child_is_a_diagnostic_not_a_dead_server() -> None:
    files = policy_bundle(load_policy_set(ROOT))
    with pytest.raises(PolicyRejected) as refused:
        await checked_in_child(files, command=(sys.executable, "-c", textwrap.dedent(ENGINE_CRASH)))
    assert refused.value.extra["problems"] == [
        "policies.yaml:1: compiler_crashed: the candidate crashed the policy compiler (SIGSEGV); nothing was "
        "stored and the service keeps serving; simplify its patterns and conditions"]


async def test_a_candidate_over_its_time_limit_is_refused() -> None:
    with pytest.raises(PolicyRejected) as refused:
        await checked_in_child(policy_bundle(load_policy_set(ROOT)), CheckLimits(seconds=0.01))
    assert refused.value.code == "policy_rejected"
    assert refused.value.extra["problems"][0].startswith("policies.yaml:1: compiler_limit: checking the set took")


async def test_the_child_finds_what_the_checks_find() -> None:
    files = edited_files({"rate_bp": "rate_bq"})  # renamed consistently: sound as a set, not for the service
    with pytest.raises(PolicyRejected) as refused:
        await checked_in_child(files)
    assert any(": contract_output_missing: " in p and "'rate_bp'" in p for p in refused.value.extra["problems"])
    assert (await checked_in_child(policy_bundle(load_policy_set(ROOT)))).content_hash == \
        load_policy_set(ROOT).content_hash
