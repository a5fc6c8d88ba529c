"""The reward of an order bought through a shared list: decided by the campaign's rules at payment and
reserved from the pool in the order's transaction, committed at receipt confirmation, released on refund.

The rules decide what the order would earn (`share_to_earn_reward` per line, `share_to_earn_order_cap`,
`share_to_earn_allowance` for the sharer, `campaign_terms` for the window, the pool and what a short pool pays);
the database decides whether the money is there: every reservation is one conditional UPDATE, so neither the
pool nor a sharer's limit is passed, however many orders arrive at once on however many processes. The pool
is sliced (store/campaigns.py): an order reserves from a slice nobody else holds, so attributed orders do not
queue on one row; the reward remembers its slice, where confirmation and refunds find the money.

At payment the reward is decided from the list and its sharer's totals (read together, unlocked, with the
caller's access check) before anything is written (`plan_reward`); its decisions and its row go in the order's
one statement (workflows/commission/orders.py), and on PostgreSQL so does the reservation, all or nothing
(`write_with_reward`); when that cannot be had, the reward is reserved step by step in a transaction with the
rows, as on SQLite.

The window is stated once, in `campaign_terms`: every line's decision is given `window_start`/`window_end` from
the terms in force at payment, at payment and again when a refund decides the reward on what was kept.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.transactions import in_transaction

from engine import Decision, PolicyEvaluator
from engine.fields import format_yuan
from store.campaigns import (
    RESERVED_SLICE,
    CampaignReward,
    NotReservedInFull,
    SharedList,
    ShareList,
    SharerTotals,
    insert_rows_reserving,
    move_reserved,
    release_committed,
    reservation_in_full,
)
from store.decisions import DecisionRecord
from store.orders import Order, OrderItem
from store.row_writes import Leading, NewRows, insert_rows
from workflows.campaigns.reservations import Outcome, first_rule, per_user_words, reserve_reward
from workflows.campaigns.share_lists import campaign_terms
from workflows.commission.line_commission import LineInput
from workflows.common.decisions import decide, decision_rows, record_decisions
from workflows.common.errors import InvalidInput
from workflows.common.scoped_ids import public_id


def _window(terms: Decision) -> dict[str, dt.datetime]:
    """The campaign's window as the terms state it, as facts for the line rules (the end is exclusive)."""
    return {name: dt.datetime.fromtimestamp(int(terms.outputs[name]), dt.UTC)
            for name in ("window_start", "window_end")}


def _line_rewards(evaluator: PolicyEvaluator, terms: Decision, share: ShareList, seller_id: str, buyer_id: str,
                  paid_at: dt.datetime, lines: list[tuple[LineInput, int]], outcome: Outcome) -> int:
    """Sum of the line rewards within the window of `terms` (the terms in force at payment); the first refusal
    is kept as the reason when nothing is earned."""
    total = 0
    refusal: Decision | None = None
    for index, (line, amount_fen) in enumerate(lines):
        facts = {**_window(terms), "paid_at": paid_at, "category": line.category, "line_amount": amount_fen,
                 "attributed": seller_id == share.seller_id and line.sku in share.skus,
                 "self_purchase": buyer_id == public_id(share.consumer_id)}
        decision = decide(evaluator, "share_to_earn_reward", facts, paid_at, f"items.{index}")
        outcome.decisions.append(decision)
        if decision.outputs.get("eligible"):
            total += int(decision.outputs["reward"])
        elif refusal is None:
            refusal = decision
    if total == 0 and refusal is not None:
        outcome.limit(str(refusal.outputs.get("refusal", "no_reward")), first_rule(refusal),
                      str(refusal.outputs.get("reason", "")))
    return total


def _order_reward(evaluator: PolicyEvaluator, requested_fen: int, paid_at: dt.datetime, outcome: Outcome) -> int:
    cap = decide(evaluator, "share_to_earn_order_cap", {"order_reward": requested_fen}, paid_at, "items")
    outcome.decisions.append(cap)
    if cap.outputs.get("capped"):
        limit = format_yuan(int(cap.outputs["reward"]))
        outcome.limit("per_order_limit", first_rule(cap), f"one order earns at most RMB {limit}")
    return int(cap.outputs["reward"])


def _allowance(evaluator: PolicyEvaluator, share: ShareList, sharer: SharerTotals | None, paid_at: dt.datetime,
               outcome: Outcome) -> Decision:
    if sharer is None:  # every list's sharer has a row from the moment the list is shared
        raise RuntimeError(f"share list of {share.consumer_id!r} without its sharer's row in {share.campaign_id}")
    earned = sharer.reserved_fen + sharer.committed_fen
    allowance = decide(evaluator, "share_to_earn_allowance", {"sharer_earned": earned}, paid_at, "share_list_id")
    outcome.decisions.append(allowance)
    if not allowance.outputs.get("allowed"):
        outcome.limit("per_user_limit_reached", first_rule(allowance), per_user_words(allowance))
    return allowance


@dataclass
class RewardPlan:
    """An attributed order's reward as decided at payment, before anything is reserved or written: the decisions
    (and their rows for the decision log), what the sharer and the pool are to be asked for, and the reward's
    row once that is known."""

    order_id: str
    share_list_id: str
    share: ShareList
    terms: Decision
    allowance: Decision | None
    outcome: Outcome
    priced: list[tuple[LineInput, int]]
    wanted_fen: int
    partial: bool
    records: list[dict[str, Any]] = field(default_factory=list)
    fired: list[dict[str, Any]] = field(default_factory=list)

    @property
    def to_reserve_fen(self) -> int:
        """What the sharer's limit and the pool are asked for; 0 when the reward is refused before either."""
        allowed = self.allowance is not None and self.allowance.outputs.get("allowed")
        return self.wanted_fen if allowed and self.wanted_fen > 0 else 0

    def in_full(self) -> Leading:
        """The whole reward from the sharer's limit and a free slice, in the statement that writes the rows."""
        assert self.allowance is not None
        return reservation_in_full(self.share.campaign_id, self.share.consumer_id, self.to_reserve_fen,
                                   int(self.allowance.outputs["per_user_limit"]), int(self.terms.outputs["budget_cap"]))

    async def reserve(self, conn: BaseDBAsyncClient) -> tuple[int, int | None]:
        """Reserve step by step, in `conn`'s transaction (partially when the terms say so): what was reserved and
        the slice it came from; why it is less, in the outcome."""
        if self.to_reserve_fen == 0 or self.allowance is None:
            return 0, None
        return await reserve_reward(self.terms, self.allowance, self.share, self.to_reserve_fen,
                                                  self.partial, conn, self.outcome)

    def row(self, amount_fen: int, slice_no: int | None) -> dict[str, Any]:
        """The reward's row, `amount_fen` reserved from `slice_no` (None: the central row, or nothing reserved)."""
        outcome = self.outcome
        return {"order_id": self.order_id, "campaign_id": self.share.campaign_id, "share_list_id": self.share_list_id,
                "sharer_id": self.share.consumer_id, "state": "reserved" if amount_fen > 0 else "refused",
                "amount_fen": amount_fen, "requested_fen": outcome.requested_fen, "code": outcome.code,
                "rule_id": outcome.rule_id, "reason": outcome.reason or "reserved at payment",
                "rule_ids": [r for d in outcome.decisions for r in d.fired_ids],
                "decision_ids": [str(values["id"]) for values in self.records], "slice_no": slice_no}

    def view(self, row: dict[str, Any]) -> dict[str, Any]:
        """The reward's view from its row and its decisions' rows as written: what `order_reward_view` reads back
        from the stored rows (read as attributes; building the seven models took ~0.2 ms an order)."""
        return with_lines(SimpleNamespace(**row), [(line.sku, amount) for line, amount in self.priced],
                          [SimpleNamespace(**values) for values in self.records])


def plan_reward(evaluator: PolicyEvaluator, order_id: str, share_list_id: str, found: SharedList | None,
                seller_id: str, buyer_id: str, paid_at: dt.datetime, lines: list[LineInput]) -> RewardPlan:
    """At payment: decide the reward from the share list and its sharer's totals as read together (`found`,
    store/campaigns.py `share_lists_and_sharers`; unlocked: the reservation's conditional UPDATEs guard the limits),
    or say why there is none; nothing is read or written."""
    if found is None:
        raise InvalidInput(f"no share list {share_list_id!r}", code="unknown_share_list",
                           errors=[{"field": "share_list_id", "message": "no such share list"}])
    share, sharer = found
    terms = campaign_terms(evaluator, paid_at)
    outcome = Outcome(decisions=[terms])
    priced = [(line, line.price_fen * line.quantity) for line in lines]
    outcome.requested_fen = _line_rewards(evaluator, terms, share, seller_id, buyer_id, paid_at, priced, outcome)
    wanted, allowance = 0, None
    if terms.outputs["campaign"] != share.campaign_id:
        outcome.limit("campaign_not_in_force", first_rule(terms), f"{share.campaign_id} is not the campaign in force")
    elif outcome.requested_fen > 0:
        wanted = _order_reward(evaluator, outcome.requested_fen, paid_at, outcome)
        allowance = _allowance(evaluator, share, sharer, paid_at, outcome)
    elif outcome.code is None:  # eligible lines whose rewards round to nothing
        outcome.limit("nothing_to_earn", first_rule(outcome.decisions[-1]), "the order's lines earn RMB 0.00")
    plan = RewardPlan(order_id, share_list_id, share, terms, allowance, outcome, priced, wanted,
                      terms.outputs.get("when_short") == "partial")
    for decision in outcome.decisions:
        values, rules = decision_rows(decision, f"campaign_reward:{order_id}")
        plan.records.append(values)
        plan.fired += rules
    return plan


async def write_with_reward(plan: RewardPlan, rows_with: Callable[[dict[str, Any]], list[NewRows]],
                            conn: BaseDBAsyncClient, *, on_its_own: bool
                            ) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Reserve the planned reward and write `rows_with(the reward's row)` (the order's rows with it); what the
    rows' statement returned and the reward's view.

    `on_its_own`: `conn` is a pooled PostgreSQL connection, outside any transaction: the whole reward is reserved
    (the sharer's row, then a free slice) in the statement that writes the rows, so they commit together; when
    the sharer's limit or every free slice is short, that statement writes nothing and the reward is reserved
    step by step (partially when the terms say so, through the central row) in a transaction with the rows.
    Otherwise `conn` is the order's transaction, where the reward is reserved step by step."""
    if plan.to_reserve_fen > 0 and on_its_own:
        row = plan.row(plan.to_reserve_fen, None)
        try:
            found = await insert_rows_reserving(conn, rows_with({**row, "slice_no": RESERVED_SLICE}), plan.in_full())
            return found, plan.view(row)
        except NotReservedInFull:
            async with in_transaction() as transaction:
                row = plan.row(*await plan.reserve(transaction))
                return await insert_rows(transaction, rows_with(row)), plan.view(row)
    row = plan.row(*await plan.reserve(conn))
    return await insert_rows(conn, rows_with(row)), plan.view(row)


async def commit_reward(order: Order, conn: BaseDBAsyncClient) -> None:
    """At receipt confirmation (the order row is locked by the caller): reserved -> committed."""
    reward = await CampaignReward.get_or_none(order_id=order.order_id, using_db=conn)
    if reward is None or reward.state != "reserved":
        return
    await move_reserved(reward.campaign_id, reward.sharer_id, int(reward.amount_fen), reward.slice_no, commit=True,
                        conn=conn)
    reward.state, reward.reason = "committed", "receipt confirmed"
    await reward.save(using_db=conn, update_fields=["state", "reason", "updated_at"])


async def _give_back(reward: CampaignReward, amount_fen: int, code: str, reason: str, conn: BaseDBAsyncClient
                     ) -> None:
    if reward.state == "reserved":
        await move_reserved(reward.campaign_id, reward.sharer_id, amount_fen, reward.slice_no, commit=False,
                            conn=conn)
    else:
        await release_committed(reward.campaign_id, reward.sharer_id, amount_fen, reward.slice_no, conn)
    reward.amount_fen = int(reward.amount_fen) - amount_fen
    if reward.amount_fen == 0:
        reward.state = "released"
    reward.code, reward.rule_id, reward.reason = code, None, reason
    await reward.save(using_db=conn, update_fields=["amount_fen", "state", "code", "rule_id", "reason", "updated_at"])


async def release_on_refund(evaluator: PolicyEvaluator, order: Order, conn: BaseDBAsyncClient) -> None:
    """After a refund the reward is decided again on what was kept (same rules, paid_at) and never grows:
    the difference goes back to the pool, all of it when everything was refunded."""
    reward = await CampaignReward.get_or_none(order_id=order.order_id, using_db=conn)
    if reward is None or reward.state not in ("reserved", "committed"):
        return
    share = await ShareList.get(share_list_id=reward.share_list_id, using_db=conn)
    items = await OrderItem.filter(order_id=order.order_id).using_db(conn).order_by("id")
    kept = [(_line(item), item.amount_fen - item.refunded_fen) for item in items if item.amount_fen > item.refunded_fen]
    terms = campaign_terms(evaluator, order.paid_at)  # the window in force at payment, as when it was reserved
    outcome = Outcome(decisions=[terms])
    requested = _line_rewards(evaluator, terms, share, order.seller_id, order.buyer_id, order.paid_at, kept, outcome)
    now_fen = _order_reward(evaluator, requested, order.paid_at, outcome) if requested else 0
    records = await record_decisions([(d, f"campaign_reward:{order.order_id}") for d in outcome.decisions], conn)
    reward.decision_ids = [*reward.decision_ids, *(str(r.id) for r in records)]
    excess = int(reward.amount_fen) - min(int(reward.amount_fen), now_fen)
    await reward.save(using_db=conn, update_fields=["decision_ids"])
    if excess > 0:
        await _give_back(reward, excess, "refunded", "refunded: the reward follows what was kept", conn)


async def release_on_close(order: Order, conn: BaseDBAsyncClient) -> None:
    """An order closed before receipt earned nothing: its reservation goes back to the pool."""
    reward = await CampaignReward.get_or_none(order_id=order.order_id, using_db=conn)
    if reward is not None and reward.state == "reserved":
        await _give_back(reward, int(reward.amount_fen), "order_closed", "order closed before receipt", conn)


def _line(item: OrderItem) -> LineInput:
    return LineInput(sku=item.sku, category=item.category, price_fen=item.price_fen, quantity=item.quantity)


def reward_view(reward: CampaignReward | SimpleNamespace) -> dict[str, Any]:
    return {"campaign_id": reward.campaign_id, "share_list_id": public_id(reward.share_list_id),
            "sharer_id": public_id(reward.sharer_id),
            "state": reward.state, "amount": format_yuan(int(reward.amount_fen)),
            "requested": format_yuan(int(reward.requested_fen)), "code": reward.code, "rule": reward.rule_id,
            "reason": reward.reason, "rules": reward.rule_ids, "decision_ids": reward.decision_ids}


async def order_reward_view(order_id: str) -> dict[str, Any] | None:
    """The order's reward, with what each line earned at payment (before the order cap, the sharer's limit and
    the pool, which `code` and `reason` explain)."""
    reward = await CampaignReward.get_or_none(order_id=order_id)
    if reward is None:
        return None
    items = await OrderItem.filter(order_id=order_id).order_by("id")
    records = {str(r.id): r for r in await DecisionRecord.filter(id__in=reward.decision_ids,
                                                                 policy_id="share_to_earn_reward")}
    return with_lines(reward, [(item.sku, item.amount_fen) for item in items],
                      [records[i] for i in reward.decision_ids if i in records])


def with_lines(reward: CampaignReward | SimpleNamespace, items: list[tuple[str, int]],
               records: Sequence[DecisionRecord | SimpleNamespace]) -> dict[str, Any]:
    """The reward's view: the first `share_to_earn_reward` decisions of the reward are its lines at payment, in
    item order (`items`: each line's sku and amount)."""
    at_payment = [record for record in records if record.policy_id == "share_to_earn_reward"][:len(items)]
    return {**reward_view(reward), "lines": [
        {"sku": sku, "line_amount": format_yuan(amount), "eligible": bool(record.outputs.get("eligible")),
         "reward": record.outputs.get("reward", "0.00"), "rule": record.fired[0]["id"] if record.fired else None,
         "reason": record.outputs.get("reason"), "refusal": record.outputs.get("refusal")}
        for (sku, amount), record in zip(items, at_payment, strict=False)]}
