"""A deposit is what the platform recorded as received, never what the applicant typed; an application is judged
as of when the platform receives it, never a date the applicant picks."""

from __future__ import annotations

from typing import Any

from tests.clock import advance_to
from tests.commerce.helpers import bearer, ok
from tests.onboarding.helpers import app_path, application, deposit_payment, pay_deposit
from tests.onboarding.test_review_pages import EXPIRED_AND_ELECTRONICS

SUP = "SUP-91330100MA2AXXXX07"


async def test_an_applicant_cannot_pick_the_date_it_is_judged_on(client: Any, make_key: Any) -> None:
    supplier = bearer(await make_key("supplier"))
    backdated = application("APP-D", **EXPIRED_AND_ELECTRONICS, as_of="2024-06-01T00:00:00+08:00")
    r = await client.post("/v1/supplier-applications", json=backdated, headers=supplier)
    assert r.status_code == 422 and r.json()["code"] == "as_of_chosen_by_platform", r.text
    advance_to("2026-11-23T02:00:00Z")
    judged = await ok(await client.post("/v1/supplier-applications", headers=supplier,
                                        json=application("APP-D", **EXPIRED_AND_ELECTRONICS)), 201)
    [req] = [q for q in judged["requirements"] if q["id"] == "authorizations_in_force"]
    assert req["passed"] is False and "2026-11-23" in req["message"]  # the day it arrived


async def test_the_deposit_is_what_was_recorded_as_paid_not_what_was_typed(client: Any, make_key: Any) -> None:
    supplier, reviewer = bearer(await make_key("supplier")), bearer(await make_key("reviewer"))
    admin = await make_key("policy_admin")
    await ok(await client.post("/v1/supplier-applications", headers=supplier,
                               json=application("APP-M", deposit_paid="9999999.00")), 201)
    approve = {"decision": "approve", "reason": "compliant"}
    unpaid = await client.post(app_path("APP-M", "/decision"), json=approve, headers=reviewer)
    assert unpaid.status_code == 409 and unpaid.json()["code"] == "deposit_not_paid"
    assert (await client.get(f"/v1/suppliers/{SUP}/deposit", headers=reviewer)).status_code == 404  # no supplier
    by_applicant = await client.post(app_path("APP-M", "/deposit-payments"), headers=supplier,
                                     json=deposit_payment("APP-M"))
    assert by_applicant.status_code == 403  # only the platform records money it received
    await pay_deposit(client, admin, "APP-M", amount="6000.00")
    await pay_deposit(client, admin, "APP-M", amount="6000.00")  # the same payment id again: booked once
    short = await client.post(app_path("APP-M", "/decision"), json=approve, headers=reviewer)
    assert short.status_code == 409 and short.json()["paid"] == "6000.00"
    second = dict(deposit_payment("APP-M", "4000.00"), payment_id="PAY-APP-M-2")
    await ok(await client.post(app_path("APP-M", "/deposit-payments"), json=second,
                               headers=bearer(admin)), 201)
    await ok(await client.post(app_path("APP-M", "/decision"), json=approve, headers=reviewer))
    deposit = await ok(await client.get(f"/v1/suppliers/{SUP}/deposit", headers=reviewer))
    assert (deposit["balance"], deposit["standing"]) == ("10000.00", "good")
    assert sorted(m["amount"] for m in deposit["movements"]) == ["4000.00", "6000.00"]
    assert all(m["decision_id"] for m in deposit["movements"])  # each payment explained by the standing decision


async def test_a_reviewer_previews_another_date_without_changing_the_record(client: Any, make_key: Any) -> None:
    advance_to("2026-11-23T02:00:00Z")
    supplier, reviewer = bearer(await make_key("supplier")), bearer(await make_key("reviewer"))
    await ok(await client.post("/v1/supplier-applications", headers=supplier,
                               json=application("APP-V", **EXPIRED_AND_ELECTRONICS)), 201)
    before = await ok(await client.get(app_path("APP-V"), headers=reviewer))
    preview = await ok(await client.get(app_path("APP-V", "/preview"),
                                        params={"as_of": "2026-06-01T00:00:00+08:00"}, headers=reviewer))
    [then] = [q for q in preview["requirements"] if q["id"] == "authorizations_in_force"]
    assert then["passed"] is True  # AUTH-1 was still valid in June
    assert preview["recorded"]["as_of"] == "2026-11-23T02:00:00Z"
    assert await ok(await client.get(app_path("APP-V"), headers=reviewer)) == before
    refused = await client.get(app_path("APP-V", "/preview"), params={"as_of": "2026-06-01T00:00:00Z"},
                               headers=supplier)
    assert refused.status_code == 403


async def test_a_long_payment_reference_is_recorded_or_refused_never_a_500(client: Any, make_key: Any) -> None:
    """The movement's reason (at most 200 characters) carried the reference (up to 200 accepted) and the qualified
    application id: a long bank reference answered 500 and recorded nothing. A reference of up to 100 characters is
    recorded whole, a longer one is 422 naming it."""
    admin = bearer(await make_key("policy_admin"))
    application_id = "APP-" + "L" * 60  # the longest id an applicant may choose
    await ok(await client.post("/v1/supplier-applications", headers=bearer(await make_key("supplier")),
                               json=application(application_id)), 201)
    path = app_path(application_id, "/deposit-payments")
    too_long = await client.post(path, headers=admin, json={"payment_id": "P-1", "amount": "10000.00",
                                                             "reference": "R" * 101})
    assert too_long.status_code == 422 and too_long.json()["errors"][0]["field"] == "body.reference", too_long.text
    recorded = await ok(await client.post(path, headers=admin, json={"payment_id": "P-1", "amount": "10000.00",
                                                                     "reference": "R" * 100}), 201)
    assert recorded["paid"] == "10000.00" and "R" * 100 in recorded["movements"][0]["reason"]
