"""From a supplier's application to the facts the `supplier_entry` policy reads, and back to a report
a compliance reviewer can defend: every requirement, its evidence, the rule's own words, pass or fail."""

from __future__ import annotations

import datetime as dt
from typing import Any

from engine import Decision, PolicyEvaluator
from engine.conditions import fields_read
from engine.fields import parse_yuan, to_human
from engine.model import Taxonomy

# Which part of the application backs each derived fact, shown beside the requirement as evidence.
DOCUMENTS = {"has_brand_authorization": "brand_authorizations", "authorization_chain_depth": "brand_authorizations",
             "authorizations_valid": "brand_authorizations", "vouchers_traceable": "purchase_vouchers",
             "categories_outside_core": "categories"}


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
        "uscc": body["uscc"], "entity_kind": body["entity_kind"],
        "registered_capital": parse_yuan(body["registered_capital"]), "taxpayer_type": body["taxpayer_type"],
        "deposit_paid": parse_yuan(body["deposit_paid"]), "has_brand_authorization": bool(chains),
        "vouchers_traceable": bool(vouchers) and all(v["traceable_to_source"] and v["documents"] for v in vouchers),
        "categories_outside_core": sum(1 for c in body["categories"] if c not in core),
    }
    if chains:
        facts["authorization_chain_depth"] = max(len(chain) for chain in chains)
        facts["authorizations_valid"] = all(_chain_valid(chain, as_of.date()) for chain in chains)
    return facts


def requirement_report(evaluator: PolicyEvaluator, decision: Decision, body: dict[str, Any]) -> list[dict[str, Any]]:
    """One entry per requirement of the policy, in the policy's order."""
    policy = evaluator.judging(decision.policy_id, body, decision.as_of).policy(decision.policy_id)
    outcomes = {r.rule_id: r for r in (*decision.fired, *decision.not_fired)}
    report = []
    for rule in policy.rules:
        outcome = outcomes[rule.id]
        read = sorted(fields_read(rule.condition))
        evidence: dict[str, Any] = {f: to_human(policy.inputs[f].type, decision.facts[f]) if f in decision.facts
                                    else None for f in read}
        for field in read:
            if field in DOCUMENTS:
                evidence.setdefault("documents", {})[DOCUMENTS[field]] = body.get(DOCUMENTS[field], [])
        failing = [c for c in outcome.checks if not c.passed]
        message = "passed" if outcome.fired else "; ".join(
            f"{c.field} is {c.actual if c.actual is not None else 'absent'}, needs {c.test}"
            + (f" ({c.gap})" if c.gap else "") for c in failing)
        report.append({"id": rule.id, "title": rule.description, "passed": outcome.fired, "rule_id": rule.id,
                       "rule": {"policy": policy.id, "file": policy.file, "line": rule.line,
                                "words": rule.description},
                       "evidence": evidence, "message": message})
    return report
