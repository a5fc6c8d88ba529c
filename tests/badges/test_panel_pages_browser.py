"""A panel judge in a real browser (headless Chromium): sign in, open the round, enter a score, let the
rules award the badge and read it explained; the merchant then shows in the Good Find feed. Two other
judges score over the API with their own reviewer keys. Skipped, saying why, where Chromium is not installed."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from store import clock
from tests.browser import ROOT, arrive, click_through, headless_chromium, needs_chromium, served

pytestmark = needs_chromium
STOREFRONT, JUDGE = "xpk_browser_shopkeyshopkeyshopkey", "xpk_browser_judgekeyjudgekeyjudge"


@pytest.fixture
def database_file(tmp_path: Path) -> Path:
    return tmp_path / "panel.sqlite3"


@pytest.fixture
def server(database_file: Path) -> Iterator[str]:
    with served(f"sqlite://{database_file}", {"storefront": STOREFRONT, "reviewer": JUDGE}) as url:
        yield url


def new_reviewer_key(database_file: Path, person: str) -> str:
    done = subprocess.run([sys.executable, "-m", "cli.main", "keys", "create", "--role", "reviewer",
                           "--person", person], cwd=ROOT,
                          env={**os.environ, "XIAOPU_DATABASE_URL": f"sqlite://{database_file}"},
                          capture_output=True, text=True, check=True)
    return done.stdout.strip()


def call(server: str, method: str, path: str, key: str, **body: object) -> dict[str, object]:
    r = httpx.request(method, f"{server}{path}", headers={"Authorization": f"Bearer {key}"}, json=body or None)
    assert r.status_code < 300, r.text
    return dict(r.json())


def test_a_judge_scores_and_awards_in_the_browser(server: str, database_file: Path, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    opened = (clock.now() - dt.timedelta(days=1)).isoformat()
    call(server, "POST", "/v1/sellers", STOREFRONT, seller_id="M-BROWSER")
    call(server, "POST", "/v1/badge-rounds", JUDGE, round_id="R-B", merchant_id="M-BROWSER", opened_at=opened)
    for score, person in ((94, "Sun Li <sun.li@xiaopu.test>"), (92, "Zhou Yu <zhou.yu@xiaopu.test>")):
        # two other judges, each with their own key
        call(server, "PUT", "/v1/badge-rounds/R-B/scores", new_reviewer_key(database_file, person), score=score)

    with headless_chromium() as browser:
        browser.get(f"{server}/review/badges")  # not signed in: sent to the sign-in page
        arrive(browser, "/review/sign-in")
        browser.find_element(By.ID, "key").send_keys(JUDGE)
        click_through(browser, browser.find_element(By.ID, "sign-in"), "/review/applications")
        browser.get(f"{server}/review/badges")
        click_through(browser, browser.find_element(By.LINK_TEXT, "R-B"), "/review/badges/R-B")
        assert browser.find_element(By.ID, "panel-score").text == "93"

        form = browser.find_element(By.ID, "score-form")
        form.find_element(By.NAME, "score").send_keys("90")
        form.find_element(By.NAME, "judge_name").send_keys("Judge <Li>")
        click_through(browser, form.find_element(By.CSS_SELECTOR, "button[type=submit]"), "/review/badges/R-B")
        assert "90" in browser.find_element(By.ID, "my-score").text
        assert browser.find_element(By.ID, "panel-score").text == "92"  # (94 + 92 + 90) / 3
        assert "Judge <Li>" in browser.find_element(By.ID, "scores").text  # shown as text, not markup

        award_form = browser.find_element(By.ID, "award-form")
        click_through(browser, award_form.find_element(By.CSS_SELECTOR, "button[type=submit]"), "/review/badges/R-B")
        assert browser.find_element(By.ID, "badge").text == "master"
        assert browser.find_element(By.ID, "status").text.lower() == "awarded"  # shown in capitals by the style sheet
        explanation = browser.find_element(By.ID, "explanation").text
        assert "master_badge" in explanation and "rules/badges.yaml" in browser.page_source
        assert not browser.find_elements(By.ID, "award-form")
        browser.save_screenshot(str(tmp_path / "award.png"))
    assert (tmp_path / "award.png").stat().st_size > 1000

    feed = httpx.get(f"{server}/v1/good-find", headers={"Authorization": f"Bearer {STOREFRONT}"}).json()
    assert [(m["merchant_id"], m["badge"]) for m in feed["merchants"]] == [("M-BROWSER", "master")]
