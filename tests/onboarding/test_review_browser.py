"""A reviewer in a real browser (headless Chromium): sign in, open the queue, open an application,
approve it with a justification, see the result. Skipped, saying why, where Chromium is not installed."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.onboarding.helpers import application

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM, DRIVER = shutil.which("chromium"), shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(not (CHROMIUM and DRIVER),
                                reason="headless Chromium and chromedriver are not installed (make test installs "
                                       "them with apt-get where it runs as root)")
SUPPLIER_KEY, REVIEWER_KEY = "xpk_browser_supplierkeysupplierkey", "xpk_browser_reviewerkeyreviewerkey"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "XIAOPU_DATABASE_URL": f"sqlite://{tmp_path / 'browser.sqlite3'}", "XIAOPU_TICK_SECONDS": "0",
           "XIAOPU_DEV_KEYS": f"supplier:{SUPPLIER_KEY},reviewer:{REVIEWER_KEY}"}
    proc = subprocess.Popen([sys.executable, "-m", "cli.main", "serve", "--port", str(port)], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                httpx.get(f"{url}/healthz", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture
def browser() -> Iterator[object]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM or ""
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--window-size=1280,1000"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=DRIVER or ""), options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


def test_reviewer_approves_an_application_in_the_browser(server: str, browser: object, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.remote.webdriver import WebDriver
    from selenium.webdriver.support.ui import WebDriverWait

    assert isinstance(browser, WebDriver)

    def arrive(path_end: str) -> None:  # a click returns before the next page has loaded
        WebDriverWait(browser, 15).until(lambda b: b.current_url.endswith(path_end)
                                         and b.execute_script("return document.readyState") == "complete")

    r = httpx.post(f"{server}/v1/supplier-applications", headers={"Authorization": f"Bearer {SUPPLIER_KEY}"},
                   json=application("APP-B", registered_capital="900000.00"))
    assert r.status_code == 201, r.text

    browser.get(f"{server}/review/applications")  # not signed in: sent to the sign-in page
    arrive("/review/sign-in")
    browser.find_element(By.ID, "key").send_keys(REVIEWER_KEY)
    browser.find_element(By.ID, "sign-in").click()
    arrive("/review/applications")
    browser.find_element(By.LINK_TEXT, "APP-B").click()
    arrive("/review/applications/APP-B")
    assert "registered_capital_min" in browser.find_element(By.ID, "req-registered_capital_min").text
    assert "fail" in browser.find_element(By.ID, "req-registered_capital_min").text

    browser.find_element(By.ID, "justification__registered_capital_min").send_keys(
        "Parent company guarantee, letter G-77 on file")
    browser.find_element(By.ID, "reason").send_keys("Strategic fruit supplier")
    browser.find_element(By.ID, "approve").click()
    WebDriverWait(browser, 15).until(lambda b: b.find_elements(By.ID, "supplier-id"))

    assert browser.find_element(By.ID, "status").text.lower() == "approved"
    assert browser.find_element(By.ID, "supplier-id").text == "SUP-91330100MA2AXXXX0X"
    assert "Parent company guarantee, letter G-77 on file" in browser.find_element(By.ID, "trail").text
    browser.save_screenshot(str(tmp_path / "approved.png"))
    assert (tmp_path / "approved.png").stat().st_size > 1000
