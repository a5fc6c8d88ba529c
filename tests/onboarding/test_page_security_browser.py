"""The pages' security in a real browser (headless Chromium): a signed-in reviewer's browser opens a page of
another site on another port of the same host, which posts a decision form to the service (another port is
another origin but the same site, so the SameSite=Strict cookie goes along: the Origin check is what refuses
it); every page renders under its Content-Security-Policy without a violation; sign-out leads to the sign-in
page and the pages stay closed. Skipped where Chromium is not installed."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from tests.browser import arrive, click_through, free_port, headless_chromium, needs_chromium, served
from tests.onboarding.helpers import application, review_path

pytestmark = needs_chromium
SUPPLIER_KEY, REVIEWER_KEY = "xpk_browser_supplierkeysupplierkey", "xpk_browser_reviewerkeyreviewerkey"
ADMIN_KEY = "xpk_browser_policyadminkeypolicyadmin"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    keys = {"supplier": SUPPLIER_KEY, "reviewer": REVIEWER_KEY, "policy_admin": ADMIN_KEY}
    with served(f"sqlite://{tmp_path / 'browser.sqlite3'}", keys) as url:
        yield url


@contextmanager
def other_site(page: str) -> Iterator[str]:
    """A site serving `page` at `/`, on another port of this host."""
    html = page.encode()

    class Page(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(html)))
            self.end_headers()
            self.wfile.write(html)

        def log_message(self, *args: object) -> None:
            pass

    site = ThreadingHTTPServer(("127.0.0.1", free_port()), Page)
    thread = threading.Thread(target=site.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{site.server_address[1]}"
    finally:
        site.shutdown()
        site.server_close()


def test_a_form_from_another_port_of_the_same_host_is_refused(server: str, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    supplier = {"Authorization": f"Bearer {SUPPLIER_KEY}"}
    assert httpx.post(f"{server}/v1/supplier-applications", headers=supplier,
                      json=application("APP-F")).status_code == 201
    forged = (f'<form method="post" action="{server}/review/applications/APP-F@SUP-91330100MA2AXXXX07/decision">'
              '<input name="decision" value="reject"><input name="reason" value="forged">'
              '<input name="csrf_token" value="guessed"><button id="go">Win a prize</button></form>')
    with headless_chromium() as browser, other_site(forged) as site:
        browser.get(f"{server}/review/sign-in")
        arrive(browser, "/review/sign-in")
        browser.find_element(By.ID, "key").send_keys(REVIEWER_KEY)
        click_through(browser, browser.find_element(By.ID, "sign-in"), "/review/applications")
        [cookie] = [c for c in browser.get_cookies() if c["name"] == "xiaopu_review_session"]
        assert cookie["httpOnly"] and cookie["sameSite"] == "Strict" and REVIEWER_KEY not in cookie["value"]

        browser.get(site)
        click_through(browser, browser.find_element(By.ID, "go"), review_path("APP-F", "/decision"))
        page = browser.find_element(By.TAG_NAME, "body").text
        assert "cross_origin_form" in page and "another site" in page, page

        browser.get(f"{server}{review_path('APP-F')}")  # still signed in, and nothing was decided
        arrive(browser, review_path("APP-F"))
        assert browser.find_element(By.ID, "status").text.lower() == "pending_review"
        assert browser.find_elements(By.ID, "decision-form")



def test_every_page_renders_under_its_policy_and_sign_out_closes_them(server: str) -> None:
    from selenium.webdriver.common.by import By

    assert httpx.post(f"{server}/v1/supplier-applications", headers={"Authorization": f"Bearer {SUPPLIER_KEY}"},
                      json=application("APP-V")).status_code == 201
    with headless_chromium() as browser:
        for area, key, landing in (("/review", REVIEWER_KEY, "/review/applications"),
                                   ("/policy", ADMIN_KEY, "/policy/versions")):
            browser.get(f"{server}{area}/sign-in")
            arrive(browser, f"{area}/sign-in")
            browser.find_element(By.ID, "key").send_keys(key)
            click_through(browser, browser.find_element(By.CSS_SELECTOR, "main form button"), landing)
        for path in (review_path("APP-V"), "/review/disputes", "/review/badges", "/review/applications/NOPE",
                     "/policy/versions", "/docs"):
            browser.get(f"{server}{path}")
            arrive(browser, path)
        violations = [entry["message"] for entry in browser.get_log("browser")
                      if "Content Security Policy" in entry["message"]]
        assert violations == []

        browser.get(f"{server}/review/applications")
        arrive(browser, "/review/applications")
        click_through(browser, browser.find_element(By.CSS_SELECTOR, "header form button"), "/review/sign-in")
        browser.get(f"{server}/review/applications")
        arrive(browser, "/review/sign-in")  # the session is over, not only the cookie
