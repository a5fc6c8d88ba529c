"""Re-screening: evaluate every active supplier's application under the current or a candidate policy
set and report who would now fail and why. Reads only; writes nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from engine import PolicyEvaluator
from engine.fields import iso_utc
from store.suppliers import ReviewEvent, Supplier, SupplierApplication
from workflows.suppliers.applications import overrides_by_requirement
from workflows.suppliers.entry import entry_facts, requirement_report


async def rescreen(evaluator: PolicyEvaluator, as_of: dt.datetime,
                   progress: Callable[[int, int], None] = lambda done, total: None) -> dict[str, Any]:
    suppliers = await Supplier.filter(status="active").order_by("supplier_id")
    failing = []
    for done, supplier in enumerate(suppliers, start=1):
        application = await SupplierApplication.get(application_id=supplier.application_id)
        decision = evaluator.evaluate("supplier_entry", entry_facts(application.body, evaluator.policy_set.taxonomy,
                                                                    as_of), as_of=as_of)
        if not decision.outputs["passed"]:
            report = requirement_report(evaluator, decision, application.body)
            before = {r["id"] for r in application.report if not r["passed"]}
            overridden = overrides_by_requirement(await ReviewEvent.filter(
                application_id=application.application_id, action="approved"))
            failing.append({
                "supplier_id": supplier.supplier_id, "legal_name": supplier.legal_name,
                "approved_under": application.policy_version,
                "failed": [{"id": r["id"], "message": r["message"], "new": r["id"] not in before,
                            "overridden": overridden.get(r["id"])}
                           for r in report if not r["passed"]]})
        progress(done, len(suppliers))
    return {"policy_version": evaluator.policy_set.label, "as_of": iso_utc(as_of),
            "suppliers_checked": len(suppliers), "would_fail": failing}
