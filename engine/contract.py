"""The contract between a policy set and the service that calls it: each policy the service evaluates
and each output it reads by name, with its type. A set that breaks it is refused with diagnostics
naming what the service needs."""

from __future__ import annotations

from collections.abc import Mapping

from engine.errors import Diagnostic
from engine.fields import NAME_RE
from engine.model import PolicySet
from engine.output_ranges import OutputRanges

Contract = Mapping[str, Mapping[str, str]]  # policy id -> output name -> type
InputContract = Mapping[str, Mapping[str, str]]  # policy id -> input name the service provides -> type


def check_contract(pset: PolicySet, contract: Contract, inputs: InputContract | None = None,
                   ranges: OutputRanges | None = None) -> list[Diagnostic]:
    """Every policy the contract names exists, and declares every output it names with that type; with
    `inputs`, a policy the service calls reads only inputs the service provides (or derives from them), with
    their type: a figure the service never computes (say, people recruited) cannot enter a rule, tagged or not;
    with `ranges`, a policy declares the inputs its outputs' ranges are read against (the line amount)."""
    found: list[Diagnostic] = _check_inputs(pset, inputs) if inputs else []
    found += _check_range_inputs(pset, ranges) if ranges else []
    for policy_id, outputs in contract.items():
        policy = pset.policies.get(policy_id)
        if policy is None:
            found.append(Diagnostic("policies.yaml", 1, 1, "contract_policy_missing",
                                    f"the service evaluates policy {policy_id!r}, which no rule file defines"))
            continue
        for name, type_ in outputs.items():
            spec = policy.outputs.get(name)
            if spec is None:
                found.append(Diagnostic(policy.file, policy.line, 1, "contract_output_missing",
                                        f"the service reads output {name!r} ({type_}) of policy {policy_id!r}, "
                                        "which the policy does not declare"))
            elif spec.type != type_:
                found.append(Diagnostic(policy.file, policy.line, 1, "contract_output_type",
                                        f"the service reads output {name!r} of policy {policy_id!r} as {type_}, "
                                        f"the policy declares {spec.type}"))
    return sorted(found)


def _check_range_inputs(pset: PolicySet, ranges: OutputRanges) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for policy_id, outputs in ranges.items():
        policy = pset.policies.get(policy_id)
        if policy is None:
            continue
        for name, bounds in outputs.items():
            for bound in bounds:
                if isinstance(bound, str) and NAME_RE.match(bound) and bound not in policy.inputs:
                    found.append(Diagnostic(policy.file, policy.line, 1, "contract_range_input",
                                            f"the service needs output {name!r} of policy {policy_id!r} checked "
                                            f"against input {bound!r}, which the policy does not declare"))
    return found


def _check_inputs(pset: PolicySet, inputs: InputContract) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for policy_id, provided in inputs.items():
        policy = pset.policies.get(policy_id)
        if policy is None:
            continue  # a missing policy is reported by the outputs' contract when the service reads it
        for name, spec in policy.inputs.items():
            if spec.derived:
                continue  # computed by the engine from other inputs, which are checked themselves
            if name not in provided:
                found.append(Diagnostic(policy.file, policy.line, 1, "contract_input_unknown",
                                        f"policy {policy_id!r} reads input {name!r}, which the service does not "
                                        f"provide; it provides {', '.join(sorted(provided)) or 'nothing'}"))
            elif spec.type != provided[name]:
                found.append(Diagnostic(policy.file, policy.line, 1, "contract_input_type",
                                        f"the service provides input {name!r} of policy {policy_id!r} as "
                                        f"{provided[name]}, the policy declares {spec.type}"))
    return found
