"""The contract between a policy set and the service that calls it: each policy the service evaluates
and each output it reads by name, with its type. A set that breaks it is refused with diagnostics
naming what the service needs."""

from __future__ import annotations

from collections.abc import Mapping

from engine.errors import Diagnostic
from engine.model import PolicySet

Contract = Mapping[str, Mapping[str, str]]  # policy id -> output name -> type


def check_contract(pset: PolicySet, contract: Contract) -> list[Diagnostic]:
    """Every policy the contract names exists, and declares every output it names with that type."""
    found: list[Diagnostic] = []
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
