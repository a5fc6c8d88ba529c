"""Business metrics for /metrics: decisions counted as they are recorded; ledger totals and due deadlines read
from the database at scrape time (so every process, however many, reports the same truth).

Counters use prometheus_client's multiprocess mode when PROMETHEUS_MULTIPROC_DIR is set in the environment
before this module is first imported (each worker writes its own files; a scrape adds them up).
"""

from __future__ import annotations

import datetime as dt

from prometheus_client import Counter
from prometheus_client.core import GaugeMetricFamily
from tortoise.functions import Count, Sum

from store.commission import CommissionLine
from store.disputes import Dispute
from store.suppliers import Supplier

DECISIONS = Counter("xiaopu_decisions", "Recorded decisions by policy and fired rule (`none`: no rule fired)",
                    ("policy", "rule"))
LEDGER_STATES = ("estimated", "pending", "locked", "settled", "cancelled")


def count_decision(policy_id: str, fired_rule_ids: list[str]) -> None:
    for rule_id in fired_rule_ids or ["none"]:
        DECISIONS.labels(policy=policy_id, rule=rule_id).inc()


async def database_gauges(now: dt.datetime) -> list[GaugeMetricFamily]:
    """The commission ledger by state (lines and fen) and the deadlines that are due but not yet applied."""
    lines = GaugeMetricFamily("xiaopu_ledger_lines", "Commission ledger lines by state", labels=("status",))
    amount = GaugeMetricFamily("xiaopu_ledger_amount_fen", "Commission ledger total by state, in fen",
                               labels=("status",))
    rows = await CommissionLine.annotate(n=Count("id"), total=Sum("amount_fen")).group_by("status").values(
        "status", "n", "total")
    found = {str(r["status"]): (int(r["n"]), int(r["total"] or 0)) for r in rows}
    for status in sorted({*LEDGER_STATES, *found}):
        n, total = found.get(status, (0, 0))
        lines.add_metric((status,), n)
        amount.add_metric((status,), total)
    due = GaugeMetricFamily("xiaopu_due_deadlines", "Deadlines passed and not yet applied (the next tick's work)",
                            labels=("kind",))
    due.add_metric(("commission_lock",),
                   await CommissionLine.filter(status="pending", lock_due_at__lte=now).count())
    due.add_metric(("dispute",), await Dispute.filter(deadline_at__lte=now).exclude(state="final").count())
    underfunded = GaugeMetricFamily("xiaopu_underfunded_suppliers",
                                    "Suppliers whose deposit is below the requirement and who must top up")
    underfunded.add_metric((), await Supplier.filter(deposit_standing="underfunded").count())
    return [lines, amount, due, underfunded]
