"""A policy team in a real browser (headless Chromium): an analyst's change waits for a second person (the
analyst cannot approve it), the second person approves it with a comment for a time two seconds ahead, then
the team reads the timeline, opens the diff, the impact simulation with its charts, and rolls back."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest

from store import clock
from tests.browser import arrive, click_through, headless_chromium, needs_chromium, served
from tests.listings import SERVED_SUPPLY_KEYS, SUPPLY_DEV_KEYS, Listings, list_goods_sync
from tests.policy_versions.helpers import FRUIT_AT_16, edited_files

pytestmark = needs_chromium
ADMIN, STOREFRONT = "xpk_browser_policyadminpolicyadmin", "xpk_browser_storefrontstorefront"
APPROVER = "xpk_browser_approverapproverapprover"
CHINA = dt.timezone(dt.timedelta(hours=8))


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    keys = {"policy_admin": ADMIN, "policy_admin#approver": APPROVER, "storefront": STOREFRONT, **SERVED_SUPPLY_KEYS}
    with served(f"sqlite://{tmp_path / 'pages.sqlite3'}", keys, XIAOPU_POLICY_POLL_SECONDS="0.2") as url:
        yield url


def call(server: str, method: str, path: str, key: str, **body: Any) -> Any:
    response = httpx.request(method, f"{server}{path}", headers={"Authorization": f"Bearer {key}"}, json=body or None,
                             timeout=30)
    assert response.status_code in (200, 201, 202), response.text
    return response.json()


def test_policy_team_reads_diff_and_impact_then_rolls_back(server: str, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    call(server, "POST", "/v1/sellers", STOREFRONT, seller_id="S1")
    paid = (clock.now() + dt.timedelta(seconds=1)).replace(microsecond=0)  # just after the store opened
    with httpx.Client(base_url=server, timeout=30) as supplier:
        items = list_goods_sync(supplier, SUPPLY_DEV_KEYS, Listings(),
                                [{"sku": "APPLE-5KG", "category": "fresh_fruit", "price": "28.90"}])
    apples = {"seller_id": "S1", "buyer_id": "B1", "paid_at": paid.isoformat(), "items": items}
    call(server, "PUT", "/v1/orders/O1", STOREFRONT, **apples)
    published = call(server, "POST", "/v1/policy-versions", ADMIN, files=edited_files(FRUIT_AT_16),
                     message="fresh fruit to 16%")
    new_label = published["version"]["label"]

    proposal = published["proposal"]["proposal_id"]

    with headless_chromium() as browser:
        browser.get(f"{server}/policy/versions")  # not signed in: sent to the sign-in page
        arrive(browser, "/policy/sign-in")
        browser.find_element(By.ID, "key").send_keys(ADMIN)
        click_through(browser, browser.find_element(By.CSS_SELECTOR, "button[type=submit]"), "/policy/versions")
        row = browser.find_element(By.ID, f"proposal-{proposal}")
        assert "fresh fruit to 16%" in row.text and "your own proposal" in row.text
        row.find_element(By.NAME, "comment").send_keys("looks right to me")
        click_through(browser, row.find_element(By.CLASS_NAME, "approve"), f"/policy/proposals/{proposal}/approval")
        assert "cannot approve" in browser.find_element(By.CSS_SELECTOR, "p.error").text
        browser.get(f"{server}/policy/versions")
        assert browser.find_element(By.ID, "in-force").text != new_label  # nothing changed
        click_through(browser, browser.find_element(By.XPATH, "//button[text()='Sign out']"), "/policy/sign-in")

        browser.find_element(By.ID, "key").send_keys(APPROVER)
        click_through(browser, browser.find_element(By.CSS_SELECTOR, "button[type=submit]"), "/policy/versions")
        row = browser.find_element(By.ID, f"proposal-{proposal}")
        assert "your own proposal" not in row.text
        at = (clock.now().astimezone(CHINA) + dt.timedelta(seconds=3)).replace(microsecond=0)  # 2-3 s ahead, whole s
        row.find_element(By.NAME, "comment").send_keys("impact checked on stored orders")
        row.find_element(By.NAME, "effective_from").send_keys(at.strftime("%Y-%m-%d %H:%M:%S"))
        click_through(browser, row.find_element(By.CLASS_NAME, "approve"), "/policy/versions")
        assert browser.find_elements(By.ID, "no-proposals")
        scheduled = browser.find_element(By.CSS_SELECTOR, "#timeline tr.scheduled")
        assert new_label in scheduled.text and "impact checked" not in scheduled.text
        time.sleep(max(0.0, (at - clock.now().astimezone(CHINA)).total_seconds()) + 0.5)
        browser.get(f"{server}/policy/versions")
        assert browser.find_element(By.ID, "in-force").text == new_label
        rows = browser.find_elements(By.CSS_SELECTOR, "#timeline tbody tr")
        assert [r.get_attribute("class") for r in rows] == ["past", "in-force"]
        assert "fresh fruit to 16%" in rows[1].text
        old_label = rows[0].find_elements(By.TAG_NAME, "td")[1].text
        browser.save_screenshot(str(tmp_path / "versions.png"))

        click_through(browser, browser.find_element(By.PARTIAL_LINK_TEXT, "diff with"), "/policy/diff")
        changes = browser.find_element(By.TAG_NAME, "main").text
        assert "fresh_fruit_rate" in changes and "17.99%" in changes and "16%" in changes

        # the stored history since before the world started (tests/clock.py's WORLD_START)
        browser.get(f"{server}/policy/simulation?candidate={quote(old_label)}&since=2026-10-31T00:00:00Z")
        arrive(browser, "/policy/simulation")
        assert browser.find_element(By.ID, "commission-delta").text == "0.58"  # back from 4.62 to 5.20
        bars = browser.find_elements(By.CSS_SELECTOR, "#chart-category rect.bar")
        assert len(bars) == 1 and bars[0].get_attribute("class") == "bar up"
        assert float(bars[0].get_attribute("width")) > 0
        browser.save_screenshot(str(tmp_path / "simulation.png"))

        browser.get(f"{server}/policy/versions")
        browser.find_element(By.ID, "message").send_keys("growers complained")
        click_through(browser, browser.find_element(By.ID, "rollback"), "/policy/versions")
        assert browser.find_element(By.ID, "in-force").text == old_label
        assert [r.get_attribute("class") for r in browser.find_elements(By.CSS_SELECTOR, "#timeline tbody tr")] == [
            "past", "past", "in-force"]
    assert (tmp_path / "simulation.png").stat().st_size > 1000
