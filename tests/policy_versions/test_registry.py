"""The registry answers each decision with the version in force at its as_of, or at the time a policy names
(`rules_in_force_at`), and follows the database timeline."""

from __future__ import annotations

import datetime as dt

from tortoise.context import TortoiseContext

from engine import Evaluator, load_policy_bundle, load_policy_set
from tests.policy_versions.helpers import ROOT, edited_files
from workflows.policies.registry import PolicyRegistry
from workflows.policies.soundness import checked_policy_set
from workflows.policies.versions import publish, publish_on_start

NOW = dt.datetime.now(dt.UTC)
SHORT_WINDOW = {  # a 3-day no-reason return window, with its example
    "when: {days_since_receipt: {gt: 7}}": "when: {days_since_receipt: {gt: 3}}",
    "facts: {category: womens_clothing, days_since_receipt: 7}": "facts: {category: womens_clothing, "
                                                                 "days_since_receipt: 3}",
}


async def test_a_return_is_judged_by_the_rules_in_force_when_the_order_was_paid(db: TortoiseContext) -> None:
    shipped = load_policy_set(ROOT)
    await publish_on_start(shipped, NOW)
    candidate = checked_policy_set(edited_files(SHORT_WINDOW, "rules/disputes.yaml"))
    change = NOW + dt.timedelta(hours=1)
    await publish(candidate, author="t", message="3-day window", now=NOW, effective_from=change)
    registry = PolicyRegistry(Evaluator(shipped))
    await registry.refresh()
    opened = change + dt.timedelta(days=5)
    facts = {"category": "snacks", "days_since_receipt": 5}
    paid_before = registry.evaluate("no_reason_return", dict(facts, order_paid_at=NOW.isoformat()), as_of=opened)
    paid_after = registry.evaluate("no_reason_return", dict(facts, order_paid_at=(change + dt.timedelta(seconds=1))
                                                            .isoformat()), as_of=opened)
    undated = registry.evaluate("no_reason_return", facts, as_of=opened)
    assert (paid_before.version, paid_before.outputs["allowed"]) == (shipped.label, True)
    assert (paid_after.version, paid_after.outputs["allowed"]) == (candidate.label, False)
    assert undated.version == candidate.label  # without the order's time, the version at as_of judges
    # a policy without rules_in_force_at is always judged at as_of
    quote = registry.evaluate("commission", {"category": "snacks", "price": 1000, "quantity": 1}, as_of=opened)
    assert quote.version == candidate.label


async def test_before_anything_is_published_the_files_answer(db: TortoiseContext) -> None:
    shipped = Evaluator(load_policy_set(ROOT))
    registry = PolicyRegistry(shipped)
    assert await registry.refresh() is True
    assert registry.at(NOW) is shipped
    assert await registry.refresh() is False  # nothing changed: one cheap query, nothing compiled


async def test_versions_share_the_files_evaluator_and_compile_once(db: TortoiseContext) -> None:
    shipped = load_policy_set(ROOT)
    await publish_on_start(shipped, NOW)
    files_evaluator = Evaluator(shipped)
    registry = PolicyRegistry(files_evaluator)
    await registry.refresh()
    assert registry.at(NOW) is files_evaluator  # same content hash: the evaluator already compiled is used
    assert registry.at(dt.datetime(2020, 1, 1, tzinfo=dt.UTC)) is files_evaluator  # before the first: the first
    assert load_policy_bundle(dict(shipped.sources)).content_hash == shipped.content_hash
