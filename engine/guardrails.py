"""The legal guard rails of the program, checked on every policy set before it can be used.

PRC Regulations on the Prohibition of Pyramid Selling (2005), art. 7, forbid (1) pay per recruited
person, (2) entry fees or forced purchases to qualify, (3) upline pay computed on downline sales.
Policies tag the inputs they read with a `basis`; these checks read the tags and the manifest's
`program` switches, so a policy that breaks the law fails validation with the reason.
"""

from __future__ import annotations

from engine.conditions import fields_read
from engine.errors import Diagnostic
from engine.fields import ValueProblem, parse_yuan
from engine.model import FromInput, Literal, OutputValue, PerUnitOf, Policy, PolicySet, Product, RateOf, Rule
from engine.structure import Reporter

LAW = "PRC anti-pyramid-selling regulations art. 7"


def check_guardrails(pset: PolicySet, manifest: Reporter) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    program = pset.program
    fee = program.get("shopkeeper_entry_fee", "0.00")
    try:
        fee_fen = parse_yuan(fee) if isinstance(fee, str) else -1
    except ValueProblem:
        fee_fen = -1
    if fee_fen != 0:
        manifest(("program", "shopkeeper_entry_fee"), "guardrail_entry_fee",
                 f"shopkeeper_entry_fee is {fee!r}: opening a store must be free ({LAW}(2)); write \"0.00\"")
    override = program.get("upline_override", {}) if isinstance(program.get("upline_override"), dict) else {}
    enabled = override.get("enabled", False) is True
    levels = override.get("max_levels", 0)
    if not isinstance(levels, int) or levels > 1:
        manifest(("program", "upline_override", "max_levels"), "guardrail_upline_depth",
                 f"upline override max_levels is {levels!r}: never deeper than one level ({LAW}(3))")
    for policy in pset.policies.values():
        for rule in policy.rules:
            found += _check_rule(policy, rule, enabled)
    return found


def _output_fields(value: OutputValue) -> set[str]:
    if isinstance(value, FromInput):
        return {value.field}
    if isinstance(value, RateOf):
        return {value.amount} | _output_fields(value.rate)
    if isinstance(value, Product):
        return set().union(*(_output_fields(f) for f in value.factors))
    if isinstance(value, PerUnitOf):
        return {value.amount, value.unit_price} | _output_fields(value.per_unit)
    return set()


def _check_rule(policy: Policy, rule: Rule, override_enabled: bool) -> list[Diagnostic]:
    read = fields_read(rule.condition).union(*(_output_fields(v) for v in rule.then.values()))
    bases = {policy.inputs[f].basis: f for f in read if f in policy.inputs and policy.inputs[f].basis}
    found = []

    def bad(code: str, message: str) -> None:
        found.append(Diagnostic(policy.file, rule.line, 1, code, f"rule {rule.id!r}: {message}"))

    if policy.purpose == "reward" and "recruitment" in bases:
        bad("guardrail_per_recruit_reward", f"a reward computed from {bases['recruitment']} (people recruited) is "
            f"pay per recruit, forbidden by {LAW}(1)")
    if policy.purpose == "reward" and "downline_sales" in bases and not override_enabled:
        bad("guardrail_upline_disabled", f"reads {bases['downline_sales']} (others' sales) while the upline "
            f"override is off; commission is paid only on the seller's own attributed sales ({LAW}(3))")
    if policy.purpose == "qualification" and "seller_purchase" in bases:
        bad("guardrail_forced_purchase", f"qualifying on {bases['seller_purchase']} (the seller's own purchases) "
            f"is a forced purchase ({LAW}(2))")
    for name, value in rule.then.items():
        spec = policy.outputs.get(name)
        if spec and spec.basis == "shopkeeper_fee" and not (isinstance(value, Literal) and value.value == 0):
            bad("guardrail_entry_fee", f"output {name} charges shopkeepers a fee; it must be 0.00 ({LAW}(2))")
    return found
