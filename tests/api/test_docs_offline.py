"""/docs and /redoc render in a browser that can reach nothing but this machine: their JavaScript and CSS
come from the package, not a CDN."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.browser import OFFLINE, arrive, headless_chromium, needs_chromium, served

pytestmark = needs_chromium


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    with served(f"sqlite://{tmp_path / 'docs.sqlite3'}", {}) as url:
        yield url


def test_docs_and_redoc_render_with_the_network_off(server: str) -> None:
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    docs = httpx.get(f"{server}/docs")
    page = docs.text
    assert "cdn." not in page and "/docs-assets/swagger-ui-bundle.js" in page
    policy = docs.headers["content-security-policy"]  # its one inline script admitted by hash, no other
    assert "'sha256-" in policy and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    with headless_chromium(*OFFLINE) as browser:
        with pytest.raises(WebDriverException, match="ERR_"):  # the browser reaches nothing outside
            browser.get("https://cdn.jsdelivr.net/npm/swagger-ui-dist@5/swagger-ui.css")
        browser.get(f"{server}/docs")
        arrive(browser, "/docs")
        WebDriverWait(browser, 20).until(lambda b: any(
            e.text.replace("\u200b", "") == "/v1/commission/quotes"
            for e in b.find_elements(By.CSS_SELECTOR, ".opblock-summary-path")))
        browser.get(f"{server}/redoc")
        arrive(browser, "/redoc")
        WebDriverWait(browser, 20).until(lambda b: "/v1/commission/quotes" in b.find_element(By.TAG_NAME, "body").text)
