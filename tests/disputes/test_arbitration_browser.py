"""A reviewer arbitrates a counterfeit case in headless Chromium after reading what the decision would move:
the refund the platform pays first, the RMB 3,000 penalty from the supplier's deposit and the standing after."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.browser import arrive, click_through, headless_chromium, needs_chromium, served
from tests.clock import ClockFile, step_time
from tests.disputes.test_dispute_lifecycle_http import DRESS, DRESS_LISTING, SUP, at
from tests.onboarding.helpers import DRESS_CATEGORIES, app_path, application, deposit_payment

pytestmark = needs_chromium
KEYS = {"storefront": "xpk_arbitration_storefront_key_0001", "supplier": "xpk_arbitration_supplier_key_00001",
        "reviewer": "xpk_arbitration_reviewer_key_00001", "policy_admin": "xpk_arbitration_admin_key_0000001"}


def call(server: str, role: str, method: str, path: str, body: dict[str, Any], clock_file: ClockFile) -> Any:
    if when := step_time(body):  # the step is reported as it happens
        clock_file.advance_to(when)
    r = httpx.request(method, f"{server}{path}", json=body, headers={"Authorization": f"Bearer {KEYS[role]}"})
    assert r.status_code in (200, 201), r.text
    return r.json()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    clock_file = ClockFile(tmp_path / "clock", at(-96))  # the store opens four days before the case
    with served(f"sqlite://{tmp_path / 'arbitration.sqlite3'}", KEYS, **clock_file.env()) as url:
        def step(role: str, method: str, path: str, body: dict[str, Any]) -> Any:
            return call(url, role, method, path, body, clock_file)

        step("supplier", "POST", "/v1/supplier-applications", application("APP-D", categories=DRESS_CATEGORIES))
        step("policy_admin", "POST", app_path("APP-D", "/deposit-payments"), deposit_payment("APP-D"))
        step("reviewer", "POST", app_path("APP-D", "/decision"),
             {"decision": "approve", "reason": "compliant"})
        step("supplier", "POST", f"/v1/suppliers/{SUP}/products", DRESS_LISTING)
        step("storefront", "POST", "/v1/sellers", {"seller_id": "S-D"})
        step("storefront", "PUT", "/v1/orders/O-D", {"seller_id": "S-D", "buyer_id": "buyer-1",
                                                          "paid_at": at(-72), "items": [DRESS]})
        step("storefront", "POST", "/v1/orders/O-D/events",
             {"event_id": "rc", "type": "receipt_confirmed", "at": at(-24)})
        step("storefront", "POST", "/v1/disputes", {"dispute_id": "D-1", "order_id": "O-D", "sku": "DRESS",
                                                         "type": "counterfeit", "amount": "200.00",
                                                         "opened_at": at(0)})
        step("supplier", "POST", "/v1/disputes/D-1@default/events", {
            "event_id": "rejects", "type": "supplier_rejects", "actor": "supplier", "at": at(1),
            "evidence": ["INVOICE-9"]})
        step("storefront", "POST", "/v1/disputes/D-1/events", {
            "event_id": "escalates", "type": "escalate", "actor": "buyer", "at": at(2), "evidence": ["LAB-REPORT-7"]})
        yield url


def test_reviewer_reads_the_money_effects_then_decides_with_a_reason(server: str, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    with headless_chromium() as browser:
        browser.get(f"{server}/review/sign-in")
        browser.find_element(By.ID, "key").send_keys(KEYS["reviewer"])
        click_through(browser, browser.find_element(By.ID, "sign-in"), "/review/applications")
        browser.get(f"{server}/review/disputes/D-1@default")
        arrive(browser, "/review/disputes/D-1@default")
        preview = browser.find_element(By.ID, "preview-buyer").text
        assert "RMB 3000.00" in preview and "RMB 6800.00 of RMB 10000.00 required" in preview
        assert "underfunded" in preview
        assert "LAB-REPORT-7" in browser.find_element(By.ID, "evidence").text
        browser.save_screenshot(str(tmp_path / "arbitration.png"))

        # without a written reason the browser does not send the form (the server refuses one too: 422)
        assert browser.find_element(By.ID, "reason").get_attribute("required") is not None
        browser.find_element(By.ID, "reason").send_keys("Lab report LAB-REPORT-7 shows counterfeit goods")
        click_through(browser, browser.find_element(By.ID, "for-buyer"), "/review/disputes/D-1@default")
        assert browser.find_element(By.ID, "state").text.lower() == "refunded"
        timeline = browser.find_element(By.ID, "timeline").text
        assert "Lab report LAB-REPORT-7 shows counterfeit goods" in timeline and "penalty: RMB 3000.00" in timeline
