"""Supplier applications: evaluated by the published rules on submission, decided by a reviewer."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.exceptions import IntegrityError
from tortoise.expressions import Q

from engine import PolicyEvaluator
from engine.fields import iso_utc, iso_utc_or_none
from store.suppliers import DepositMovement, ReviewEvent, Supplier, SupplierApplication
from workflows.common.audit_context import action_transaction
from workflows.common.decisions import record_decision
from workflows.common.errors import Conflict, InvalidInput, NotFound
from workflows.common.idempotency import apply_once, body_hash
from workflows.common.scoped_ids import public_id
from workflows.suppliers.deposit_payments import deposit_record, require_deposit_paid
from workflows.suppliers.deposits import reassess_standing
from workflows.suppliers.entry import entry_facts, requirement_report
from workflows.suppliers.evidence import application_evidence


async def submit_application(evaluator: PolicyEvaluator, body: dict[str, Any], actor: tuple[str, str],
                             as_of: dt.datetime) -> tuple[bool, dict[str, Any]]:
    """Evaluate every entry requirement and queue the application for review; a replay changes nothing."""
    application_id, digest = body["application_id"], body_hash(body)
    async def apply(conn: BaseDBAsyncClient) -> None:
        unknown = [c for c in body["categories"] if c not in evaluator.policy_set.taxonomy.categories]
        if unknown:
            raise InvalidInput(f"unknown categories: {', '.join(unknown)}", code="unknown_category",
                               errors=[{"field": "categories", "message": f"{c!r} is not in the taxonomy"}
                                       for c in unknown])
        decision = evaluator.evaluate("supplier_entry", entry_facts(body, evaluator.policy_set.taxonomy, as_of),
                                      as_of=as_of)
        record = await record_decision(decision, f"application:{application_id}", conn)
        await SupplierApplication.create(
            application_id=application_id, legal_name=body["legal_name"], uscc=body["uscc"],
            entity_kind=body["entity_kind"], body=body, body_hash=digest,
            recommendation="approve" if decision.outputs["passed"] else "reject",
            report=requirement_report(evaluator, decision, body), decision_id=record.id,
            policy_version=decision.version, submitted_at=as_of, using_db=conn)
        await ReviewEvent.create(application_id=application_id, actor=actor[0], actor_role=actor[1],
                                 action="submitted", policy_version=decision.version, at=as_of, using_db=conn)

    created = await apply_once("application", public_id(application_id), digest,
                               lambda: SupplierApplication.get_or_none(application_id=application_id), apply)
    return created, await application_view(application_id, evaluator)


async def decide_application(evaluator: PolicyEvaluator, application_id: str, decision: str, reason: str,
                             overrides: list[dict[str, str]], actor: tuple[str, str], now: dt.datetime
                             ) -> dict[str, Any]:
    """Approve or reject. Approving past a failed requirement needs an override with a justification. The
    decision, the supplier it creates and the request's audit entry commit together."""
    try:
        await _decide(evaluator, application_id, decision, reason, overrides, actor, now)
    except IntegrityError:
        # two applications of one credit code approved at once: the second's supplier is a duplicate key
        app = await SupplierApplication.get(application_id=application_id)
        if not await Supplier.exists(uscc=app.uscc):
            raise
        raise _supplier_exists(app.uscc) from None
    return await application_view(application_id, evaluator)


def _supplier_exists(uscc: str) -> Conflict:
    return Conflict(f"a supplier with credit code {uscc} exists already", code="supplier_exists")


async def _decide(evaluator: PolicyEvaluator, application_id: str, decision: str, reason: str,
                  overrides: list[dict[str, str]], actor: tuple[str, str], now: dt.datetime) -> None:
    async with action_transaction() as conn:
        app = await SupplierApplication.filter(application_id=application_id).using_db(conn).select_for_update(
            ).first()
        if app is None:
            raise NotFound(f"no application {application_id!r}", code="application_not_found")
        if app.status != "pending_review":
            raise Conflict(f"application {application_id} was already {app.status}", code="already_decided")
        failed = {r["id"] for r in app.report if not r["passed"]}
        overridden = {o["requirement_id"] for o in overrides}
        if overridden - failed:
            raise InvalidInput("only failed requirements can be overridden", code="override_not_needed",
                               errors=[{"field": "overrides", "message": f"{r} did not fail"}
                                       for r in sorted(overridden - failed)])
        if decision == "approve" and failed - overridden:
            raise InvalidInput("approving needs an override with a justification for each failed requirement",
                               code="override_required", errors=[{"field": "overrides", "message": f"{r} failed"}
                                                                 for r in sorted(failed - overridden)])
        if decision == "approve":
            await require_deposit_paid(evaluator, app, conn)
        app.status, app.decided_at = ("approved" if decision == "approve" else "rejected"), now
        await app.save(using_db=conn, update_fields=["status", "decided_at"])
        await ReviewEvent.create(application_id=application_id, actor=actor[0], actor_role=actor[1],
                                 action=app.status, reason=reason, overrides=overrides,
                                 policy_version=evaluator.policy_set.label, at=now, using_db=conn)
        if app.status == "approved":
            if await Supplier.filter(uscc=app.uscc).using_db(conn).exists():
                raise _supplier_exists(app.uscc)
            supplier = await Supplier.create(
                supplier_id=f"SUP-{app.uscc}", legal_name=app.legal_name, uscc=app.uscc, entity_kind=app.entity_kind,
                categories=app.body["categories"], application_id=application_id, approved_at=now, using_db=conn)
            # the standing on the payments recorded, each payment explained by the decision it led to
            for payment in await DepositMovement.filter(supplier_id=supplier.supplier_id, decision_id=None
                                                        ).using_db(conn).order_by("at", "movement_id"):
                await reassess_standing(evaluator, supplier, now, conn, payment)


async def preview_application(evaluator: PolicyEvaluator, application_id: str, as_of: dt.datetime
                              ) -> dict[str, Any]:
    """The application as the rules in force at `as_of` would judge it: read-only (nothing is recorded, the
    stored decision and its date stand); for a reviewer asking "what if it had arrived then"."""
    app = await SupplierApplication.get_or_none(application_id=application_id)
    if app is None:
        raise NotFound(f"no application {application_id!r}", code="application_not_found")
    decision = evaluator.evaluate("supplier_entry", entry_facts(app.body, evaluator.policy_set.taxonomy, as_of),
                                  as_of=as_of)
    return {"application_id": application_id, "as_of": iso_utc(as_of), "policy_version": decision.version,
            "recommendation": "approve" if decision.outputs["passed"] else "reject",
            "requirements": [_with_verdict(r, None) for r in requirement_report(evaluator, decision, app.body)],
            "recorded": {"as_of": iso_utc_or_none(app.submitted_at), "policy_version": app.policy_version,
                         "recommendation": app.recommendation}}


async def application_view(application_id: str, evaluator: PolicyEvaluator | None = None, *,
                           with_deposit: bool = True) -> dict[str, Any]:
    """The application as a reviewer decides it: each requirement with its verdict (pass, fail, or overridden
    with the justification, who and when), the trail, and, given the evaluator, the evidence as tables, read with
    the taxonomy of the version that decided it (so the same application reads the same after the rules change),
    and the deposit as it stands now (unless `with_deposit` is False)."""
    app = await SupplierApplication.get_or_none(application_id=application_id)
    if app is None:
        raise NotFound(f"no application {application_id!r}", code="application_not_found")
    trail = await ReviewEvent.filter(application_id=application_id).order_by("id")
    supplier = await Supplier.get_or_none(application_id=application_id)
    overrides = overrides_by_requirement(trail)
    view: dict[str, Any] = {
        "application_id": app.application_id, "legal_name": app.legal_name, "uscc": app.uscc,
        "entity_kind": app.entity_kind, "status": app.status, "recommendation": app.recommendation,
        "requirements": [_with_verdict(r, overrides.get(r["id"])) for r in app.report],
        "policy_version": app.policy_version, "decision_id": str(app.decision_id),
        "submitted_at": iso_utc_or_none(app.submitted_at), "decided_at": iso_utc_or_none(app.decided_at),
        "supplier_id": supplier.supplier_id if supplier else None,
        "audit_trail": [{"action": e.action, "actor": e.actor, "role": e.actor_role, "at": iso_utc_or_none(e.at),
                         "reason": e.reason, "overrides": e.overrides, "policy_version": e.policy_version}
                        for e in trail],
    }
    if evaluator is not None:
        taxonomy = evaluator.judging("supplier_entry", {}, app.submitted_at).policy_set.taxonomy
        view["evidence"] = application_evidence(app.body, taxonomy, app.submitted_at).to_dict()
        if with_deposit:
            view["deposit"] = await deposit_record(evaluator, app)
    return view


def overrides_by_requirement(trail: list[ReviewEvent]) -> dict[str, dict[str, str]]:
    """The overrides of a review trail by requirement: the justification, who and when."""
    return {o["requirement_id"]: {"justification": o["justification"], "by": e.actor, "at": iso_utc(e.at)}
            for e in trail for o in (e.overrides or [])}


def _with_verdict(requirement: dict[str, Any], override: dict[str, Any] | None) -> dict[str, Any]:
    verdict = "pass" if requirement["passed"] else "overridden" if override else "fail"
    return {**requirement, "verdict": verdict, "override": override}


async def review_queue(status: str | None, limit: int, after: str | None, *, by_submission: bool = False,
                       matching: str = "") -> list[dict[str, Any]]:
    """Applications by id after the application `after`; `by_submission`: the oldest submitted first (the pages'
    order: an applicant chooses its id, and would choose one that sorts first); `matching`: those whose legal name,
    credit code or id holds that text (any case)."""
    query = SupplierApplication.all()
    if status:
        query = query.filter(status=status)
    if matching:
        query = query.filter(Q(legal_name__icontains=matching) | Q(uscc__icontains=matching)
                             | Q(application_id__icontains=matching))
    last = await SupplierApplication.get_or_none(application_id=after) if after and by_submission else None
    if last is not None:
        query = query.filter(Q(submitted_at__gt=last.submitted_at)
                             | Q(submitted_at=last.submitted_at, application_id__gt=last.application_id))
    elif after:
        query = query.filter(application_id__gt=after)
    order = ("submitted_at", "application_id") if by_submission else ("application_id",)
    rows = await query.order_by(*order).limit(limit)
    return [{"application_id": a.application_id, "legal_name": a.legal_name, "status": a.status,
             "recommendation": a.recommendation, "failed": [r["id"] for r in a.report if not r["passed"]],
             "submitted_at": iso_utc_or_none(a.submitted_at), "policy_version": a.policy_version} for a in rows]
