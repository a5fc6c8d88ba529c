"""The pages people defend decisions with show where each decision stands in the sealed log: the seller's
statement per line, the compliance packet for the application's decision. "verified" with the seal and the
position once sealed; "altered" when the record no longer matches what was sealed."""

from __future__ import annotations

from typing import Any

from store.decisions import DecisionRecord
from tests.clock import advance_to, period_ended
from tests.commerce.helpers import Storefront, bearer, ok
from tests.integrity.test_log_seals import NOW, later
from tests.onboarding.helpers import application, review_path
from tests.pages import sign_in, submit
from workflows.integrity.seals import seal_logs


async def statement_html(client: Any, shop: Storefront) -> str:
    page = await client.get("/v1/sellers/S-SEALED/statements/2026-11", headers={**shop.headers, "Accept": "text/html"})
    assert page.status_code == 200
    return str(page.text)


async def test_the_statement_shows_each_lines_decision_verified_in_its_seal(client: Any, make_key: Any) -> None:
    shop, admin = Storefront(client, await make_key("storefront")), await make_key("policy_admin")
    await shop.open_store("S-SEALED")
    await ok(await shop.order("O-SEALED", "S-SEALED", "buyer-1"), 201)
    await ok(await shop.event("O-SEALED", "E1", "receipt_confirmed", "2026-11-08T10:00:00+08:00"))
    advance_to("2026-11-08T02:00:00Z")
    await ok(await client.post("/v1/jobs/tick", json={"as_of": "2026-11-08T02:00:00Z"}, headers=bearer(admin)))
    period_ended("2026-11")
    await ok(await client.post("/v1/settlements", json={"period": "2026-11"}, headers=bearer(admin)))
    assert 'class="sealed not-sealed-yet">not sealed yet<' in await statement_html(client, shop)
    await seal_logs(later(), NOW)
    assert 'class="sealed verified">verified #' in await statement_html(client, shop)
    decision_id = (await ok(await client.get("/v1/sellers/S-SEALED/statements/2026-11",
                                             headers=shop.headers)))["lines"][0]["decision_id"]
    await DecisionRecord.filter(id=decision_id).update(subject="order:O-OTHER/sku:APPLE-5KG")
    assert 'class="sealed altered">altered #' in await statement_html(client, shop)


async def test_the_packet_shows_the_decision_verified_in_its_seal(client: Any, make_key: Any) -> None:
    await ok(await client.post("/v1/supplier-applications", json=application("APP-SEAL"),
                               headers=bearer(await make_key("supplier"))), 201)
    await seal_logs(later(), NOW)
    await sign_in(client, "/review", await make_key("reviewer"))
    await submit(client, review_path("APP-SEAL"), review_path("APP-SEAL", "/decision"),
                 {"decision": "reject", "reason": "no proof"})
    packet = await client.get(review_path("APP-SEAL", "/packet"))
    assert packet.status_code == 200, packet.text
    row = packet.text[packet.text.index('id="integrity"'):].split("</tr>")[0]
    assert 'class="verified">verified: seal #' in row and "record 1 of" in row
