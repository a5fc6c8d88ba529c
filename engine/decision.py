"""What an evaluation returns: the answer, the rules behind it, and enough to reproduce it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from engine.fields import EngineValue, iso_utc, to_human, to_json_value
from engine.reference import Check


@dataclass
class RuleOutcome:
    rule_id: str
    description: str
    fired: bool
    outputs: dict[str, EngineValue]
    checks: list[Check]


@dataclass
class Decision:
    policy_id: str
    policy_title: str
    hit_policy: str
    policy_set: str
    version: str  # `<version>+<hash12>`
    content_hash: str
    as_of: dt.datetime
    facts: dict[str, EngineValue]
    input_types: dict[str, str]
    output_types: dict[str, str]
    outputs: dict[str, EngineValue]
    fired: list[RuleOutcome]
    matched: bool
    not_fired: list[RuleOutcome] = field(default_factory=list)  # with --explain: what did not hold
    collected: list[dict[str, EngineValue]] = field(default_factory=list)  # collect: each fired rule's outputs

    @property
    def fired_ids(self) -> list[str]:
        return [r.rule_id for r in self.fired]

    def taken_at(self, as_of: dt.datetime) -> Decision:
        """The same decision bearing another moment: a shallow copy (its facts, outputs and rules are shared, and
        never changed after evaluation), made without `copy.copy`'s generic protocol (5x its cost)."""
        twin = object.__new__(Decision)
        twin.__dict__.update(self.__dict__)
        twin.as_of = as_of
        return twin

    def _json_outputs(self, values: dict[str, EngineValue]) -> dict[str, Any]:
        return {k: to_json_value(self.output_types.get(k, "text"), v) for k, v in values.items()}

    def to_dict(self) -> dict[str, Any]:
        """The decision as JSON: money as yuan text, times as ISO 8601 UTC."""
        return {
            "policy": self.policy_id,
            "policy_set": self.policy_set,
            "policy_version": self.version,
            "content_hash": self.content_hash,
            "as_of": iso_utc(self.as_of),
            "hit_policy": self.hit_policy,
            "matched": self.matched,
            "outputs": self._json_outputs(self.outputs),
            "fired": [self._rule_dict(r) for r in self.fired],
            **({"collected": [self._json_outputs(c) for c in self.collected]} if self.collected else {}),
            **({"not_fired": [self._rule_dict(r) for r in self.not_fired]} if self.not_fired else {}),
            "facts": {k: to_json_value(self.input_types.get(k, "text"), v) for k, v in self.facts.items()},
        }

    def _rule_dict(self, r: RuleOutcome) -> dict[str, Any]:
        return {"id": r.rule_id, "description": r.description, "outputs": self._json_outputs(r.outputs),
                "checks": [c.to_dict() for c in r.checks]}

    def to_text(self) -> str:
        """A readable account: the answer, the rules that fired and why, and what fell short."""
        lines = [f"{self.policy_title} ({self.policy_id}), policy set {self.policy_set} {self.version}",
                 f"as of {self.to_dict()['as_of']}, hit policy {self.hit_policy}"]
        shown = ", ".join(f"{k} = {to_human(self.output_types.get(k, 'text'), v)}" for k, v in self.outputs.items())
        lines.append(f"decision: {shown or '(no outputs)'}" + ("" if self.matched else "  [no rule matched]"))
        for r in self.fired:
            lines.append(f"  fired {r.rule_id}: {r.description}")
            lines += [f"      {c.field} = {c.actual}  {c.test}  ✓" for c in r.checks]
        for r in self.not_fired:
            lines.append(f"  did not fire {r.rule_id}: {r.description}")
            for c in r.checks:
                mark = "✓" if c.passed else "✗"
                gap = f"  ({c.gap})" if c.gap else ""
                lines.append(f"      {c.field} = {c.actual if c.actual is not None else '(absent)'}  "
                             f"{c.test}  {mark}{gap}")
        return "\n".join(lines)
