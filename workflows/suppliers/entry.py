"""From a supplier's application to the facts the `supplier_entry` policy reads, and back to a report
a compliance reviewer can defend: every requirement, its evidence, the rule's own words, pass or fail."""

from __future__ import annotations

import datetime as dt
from typing import Any

from engine import Decision, PolicyEvaluator
from engine.conditions import fields_read
from engine.fields import parse_yuan, to_human
from engine.model import Policy, Taxonomy
from engine.reference import Check
from workflows.suppliers.credit_code import credit_code_problem
from workflows.suppliers.evidence import application_evidence, decision_day


def _chain_valid(chain: list[dict[str, Any]], day: dt.date) -> bool:
    """Every document in force on `day`, and each link granted by the previous link's grantee."""
    for i, link in enumerate(chain):
        if not dt.date.fromisoformat(link["valid_from"]) <= day <= dt.date.fromisoformat(link["valid_to"]):
            return False
        if i and link["grantor"] != chain[i - 1]["grantee"]:
            return False
    return True


def entry_facts(body: dict[str, Any], taxonomy: Taxonomy, as_of: dt.datetime) -> dict[str, Any]:
    """The policy's inputs, derived from the application as submitted (money in fen)."""
    chains = [a["chain"] for a in body.get("brand_authorizations", [])]
    vouchers = body.get("purchase_vouchers", [])
    core = {c for group in taxonomy.core_groups for c in taxonomy.groups[group]}
    facts: dict[str, Any] = {
        "uscc": body["uscc"], "uscc_check_character_valid": credit_code_problem(body["uscc"]) is None,
        "entity_kind": body["entity_kind"],
        "registered_capital": parse_yuan(body["registered_capital"]), "taxpayer_type": body["taxpayer_type"],
        "deposit_paid": parse_yuan(body["deposit_paid"]), "has_brand_authorization": bool(chains),
        "vouchers_traceable": bool(vouchers) and all(v["traceable_to_source"] and v["documents"] for v in vouchers),
        "categories_outside_core": sum(1 for c in body["categories"] if c not in core),
    }
    if chains:
        facts["authorization_chain_depth"] = max(len(chain) for chain in chains)
        facts["authorizations_valid"] = all(_chain_valid(chain, decision_day(as_of)) for chain in chains)
    return facts


def requirement_report(evaluator: PolicyEvaluator, decision: Decision, body: dict[str, Any]) -> list[dict[str, Any]]:
    """One entry per requirement of the policy, in the policy's order: pass or fail, and a sentence in business
    words built from the rule's checks and the evidence's culprits (never written per requirement)."""
    policy = evaluator.judging(decision.policy_id, body, decision.as_of).policy(decision.policy_id)
    culprits = application_evidence(body, evaluator.policy_set.taxonomy, decision.as_of).culprits
    outcomes = {r.rule_id: r for r in (*decision.fired, *decision.not_fired)}
    report = []
    for rule in policy.rules:
        outcome = outcomes[rule.id]
        read = sorted(fields_read(rule.condition))
        evidence: dict[str, Any] = {f: to_human(policy.inputs[f].type, decision.facts[f]) if f in decision.facts
                                    else None for f in read}
        sentence = "passed" if outcome.fired else _why_not(policy, outcome.checks, culprits)
        report.append({"id": rule.id, "title": rule.description, "passed": outcome.fired, "rule_id": rule.id,
                       "rule": {"policy": policy.id, "file": policy.file, "line": rule.line,
                                "words": rule.description},
                       "evidence": evidence, "message": sentence, "reads": read})
    return report


def _why_not(policy: Policy, checks: list[Check], culprits: dict[str, list[str]]) -> str:
    """The culprits of the failed checks' facts where the evidence names them; else each failed check in words
    ("registered capital is RMB 999999.99; it must be ≥ RMB 1000000.00 (short by RMB 0.01)")."""
    failing = [c for c in checks if not c.passed]
    named = [sentence for c in failing for sentence in culprits.get(c.field, [])]
    if named:
        return "; ".join(dict.fromkeys(named))
    return "; ".join(_check_words(policy, c) for c in failing)


def _check_words(policy: Policy, check: Check) -> str:
    spec = policy.inputs.get(check.field)
    label = (spec.description if spec and spec.description else check.field.replace("_", " "))
    actual = "absent" if check.actual is None else check.actual
    test = check.test
    for prefix, words in (("is not ", "must not be "), ("is ", "must be "), ("not in ", "must not be in "),
                          ("in ", "must be in "), ("matches ", "must match "), ("not ", "must not be ")):
        if test.startswith(prefix):
            test = words + test.removeprefix(prefix)
            break
    else:
        test = f"must be {test}"
    return f"{label} is {actual}; it {test}" + (f" ({check.gap})" if check.gap else "")
