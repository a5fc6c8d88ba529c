"""A case takes each penalty once, and an appeal is made only by the side the decision went against, as often as
rules/disputes.yaml allows (once). Before, one counterfeit case took RMB 3,000 three times through appeals."""

from __future__ import annotations

from typing import Any

from tests.clock import advance_to
from tests.commerce.helpers import bearer, case_id
from tests.disputes.test_dispute_lifecycle_http import Case, at


async def test_one_counterfeit_case_takes_the_penalty_once_whatever_the_appeals(client: Any, make_key: Any) -> None:
    case = await Case.start(client, make_key, "counterfeit")
    await case.send("supplier", "supplier_rejects", 1)
    await case.send("storefront", "escalate", 2)
    await case.send("reviewer", "arbitration_for_buyer", 3, reason="lab report: counterfeit")
    assert (await case.deposit())["balance"] == "6800.00"  # 200.00 recovered, 3,000.00 penalty
    await case.send("supplier", "appeal", 4)
    again = await case.send("reviewer", "arbitration_for_buyer", 5, reason="the appeal changes nothing")
    assert again["history"][-1]["effects"]["penalty"] == "0.00"
    assert (await case.deposit())["balance"] == "6800.00"
    for role, actor in (("supplier", "supplier"), ("storefront", "buyer")):  # the supplier's one appeal is spent
        advance_to(at(6))
        r = await client.post(f"/v1/disputes/{case_id('D-1', role)}/events", headers=bearer(case.keys[role]), json={
            "event_id": f"appeal-again-{role}", "type": "appeal", "actor": actor, "at": at(6)})
        assert r.status_code == 409 and r.json()["code"] == "illegal_event", r.text


async def test_the_side_that_won_cannot_appeal(client: Any, make_key: Any) -> None:
    case = await Case.start(client, make_key, "not_as_described")
    await case.send("supplier", "supplier_rejects", 1)
    await case.send("storefront", "escalate", 2)
    await case.send("reviewer", "arbitration_for_supplier", 3, reason="as described")
    advance_to(at(4))
    r = await client.post("/v1/disputes/D-1@default/events", headers=bearer(case.keys["supplier"]), json={
        "event_id": "won-appeal", "type": "appeal", "actor": "supplier", "at": at(4)})
    assert r.status_code == 409 and r.json()["code"] == "illegal_event", r.text
    assert (await case.view())["state"] == "closed"
