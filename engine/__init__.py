"""The policy engine: YAML policies validated, compiled into durable_rules and evaluated with explanations.

A pure library: no web framework, no database. `engine.runtime` is the only importer of durable_rules.
"""

from engine.decision import Decision, RuleOutcome
from engine.errors import (
    Diagnostic,
    EvaluationError,
    FactError,
    PolicyError,
    PolicySetInvalid,
    UnknownPolicy,
)
from engine.evaluator import Evaluator, PolicyEvaluator, shared_runtime
from engine.loader import load_policy_bundle, load_policy_set, policy_bundle
from engine.model import Policy, PolicySet

__all__ = [
    "Decision",
    "Diagnostic",
    "EvaluationError",
    "Evaluator",
    "FactError",
    "Policy",
    "PolicyEvaluator",
    "PolicyError",
    "PolicySet",
    "PolicySetInvalid",
    "RuleOutcome",
    "UnknownPolicy",
    "load_policy_bundle",
    "load_policy_set",
    "policy_bundle",
    "shared_runtime",
]
