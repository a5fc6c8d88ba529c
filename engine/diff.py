"""What changed between two policy sets, in business words: "commission: fresh_fruit_rate: rate_bp 17.99% -> 16%"."""

from __future__ import annotations

from dataclasses import dataclass

from engine.describe import describe_condition, describe_output
from engine.model import Example, Policy, PolicySet, Rule


@dataclass(frozen=True)
class Change:
    policy: str  # "" for the set itself
    kind: str  # added | removed | changed
    subject: str
    before: str
    after: str

    def __str__(self) -> str:
        where = f"{self.policy}: " if self.policy else ""
        if self.kind == "added":
            return f"{where}{self.subject} added: {self.after}"
        if self.kind == "removed":
            return f"{where}{self.subject} removed (was: {self.before})"
        return f"{where}{self.subject} {self.before} -> {self.after}"


def diff(old: PolicySet, new: PolicySet) -> list[Change]:
    changes = [Change("", "changed", key, str(a), str(b)) for key, a, b in (
        ("version", old.version, new.version), ("effective_from", old.effective_from, new.effective_from),
        ("program", old.program, new.program)) if a != b]
    for group in sorted(set(old.taxonomy.groups) | set(new.taxonomy.groups)):
        a, b = set(old.taxonomy.groups.get(group, ())), set(new.taxonomy.groups.get(group, ()))
        changes += [Change("", "added", f"category {c} in {group}", "", c) for c in sorted(b - a)]
        changes += [Change("", "removed", f"category {c} in {group}", c, "") for c in sorted(a - b)]
    for pid in sorted(set(old.policies) | set(new.policies)):
        a_policy, b_policy = old.policies.get(pid), new.policies.get(pid)
        if a_policy is None and b_policy is not None:
            changes.append(Change(pid, "added", "policy", "", b_policy.title))
        elif b_policy is None and a_policy is not None:
            changes.append(Change(pid, "removed", "policy", a_policy.title, ""))
        elif a_policy is not None and b_policy is not None:
            changes += _policy_changes(a_policy, b_policy)
    return changes


def _policy_changes(a: Policy, b: Policy) -> list[Change]:
    out = [Change(a.id, "changed", name, str(va), str(vb)) for name, va, vb in (
        ("title", a.title, b.title), ("description", " ".join(a.description.split()), " ".join(b.description.split())))
        if va != vb]
    if a.hit_policy != b.hit_policy:
        out.append(Change(a.id, "changed", "hit policy", a.hit_policy, b.hit_policy))
    for name in sorted(set(a.inputs) | set(b.inputs)):
        sa, sb = a.inputs.get(name), b.inputs.get(name)
        if sa is None or sb is None or sa.type != sb.type:
            types = (sa.type if sa else "(none)", sb.type if sb else "(none)")
            out.append(Change(a.id, "changed", f"input {name}", *types))
    a_rules, b_rules = {r.id: r for r in a.rules}, {r.id: r for r in b.rules}
    for rid in [r.id for r in a.rules if r.id not in b_rules]:
        out.append(Change(a.id, "removed", f"rule {rid}", _rule_text(a, a_rules[rid]), ""))
    for rule in b.rules:
        if rule.id not in a_rules:
            out.append(Change(a.id, "added", f"rule {rule.id}", "", _rule_text(b, rule)))
            continue
        before = a_rules[rule.id]
        if before.description.split() != rule.description.split():
            out.append(Change(a.id, "changed", f"{rule.id}: description", " ".join(before.description.split()),
                              " ".join(rule.description.split())))
        cond_a, cond_b = describe_condition(before.condition, a), describe_condition(rule.condition, b)
        if cond_a != cond_b:
            out.append(Change(a.id, "changed", f"{rule.id}: when", cond_a, cond_b))
        for name in sorted(set(before.then) | set(rule.then)):
            va = describe_output(name, before.then[name], a) if name in before.then else "(none)"
            vb = describe_output(name, rule.then[name], b) if name in rule.then else "(none)"
            if va != vb:
                out.append(Change(a.id, "changed", f"{rule.id}: {name}", va, vb))
    order_a = [r.id for r in a.rules if r.id in b_rules]
    order_b = [r.id for r in b.rules if r.id in a_rules]
    if order_a != order_b and b.hit_policy in ("first", "priority"):
        out.append(Change(a.id, "changed", "rule order", ", ".join(order_a), ", ".join(order_b)))
    for name in sorted(set(a.default) | set(b.default)):
        va = describe_output(name, a.default[name], a) if name in a.default else "(none)"
        vb = describe_output(name, b.default[name], b) if name in b.default else "(none)"
        if va != vb:
            out.append(Change(a.id, "changed", f"default {name}", va, vb))
    return out + _example_changes(a, b)


def _example_changes(a: Policy, b: Policy) -> list[Change]:
    """Examples are the policy's stated promises: added, removed, or given other facts or expectations."""
    a_examples, b_examples = {e.name: e for e in a.examples}, {e.name: e for e in b.examples}
    out = [Change(a.id, "removed", f"example {name!r}", _example_text(a_examples[name]), "")
           for name in a_examples if name not in b_examples]
    for name, example in b_examples.items():
        before = a_examples.get(name)
        if before is None:
            out.append(Change(a.id, "added", f"example {name!r}", "", _example_text(example)))
        elif _example_text(before) != _example_text(example):
            out.append(Change(a.id, "changed", f"example {name!r}", _example_text(before), _example_text(example)))
    return out


def _example_text(example: Example) -> str:
    facts = ", ".join(f"{k} = {v}" for k, v in (example.facts or {}).items())
    expected = ", ".join(f"{k} = {v}" for k, v in example.expect_outputs.items())
    fired = f"; fires {', '.join(example.expect_fired) or 'no rule'}" if example.expect_fired is not None else ""
    when = f" at {example.as_of.isoformat()}" if example.as_of else ""
    return f"given {facts or 'nothing'}{when}: expects {expected or 'no outputs'}{fired}"


def _rule_text(policy: Policy, rule: Rule) -> str:
    then = ", ".join(f"{k} = {describe_output(k, v, policy)}" for k, v in rule.then.items())
    return f"when {describe_condition(rule.condition, policy)}: {then or 'passes'}"
