"""A served app in its own process and a headless Chromium to drive it, for the page tests.

Tests using them carry `needs_chromium`: skipped, saying why, where Chromium is not installed."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.clock import world_env

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM, DRIVER = shutil.which("chromium"), shutil.which("chromedriver")
needs_chromium = pytest.mark.skipif(not (CHROMIUM and DRIVER),
                                    reason="headless Chromium and chromedriver are not installed (make test installs "
                                           "them with apt-get where it runs as root)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# The supplier the test applications make (credit code 91330100MA2AXXXX07): a test's supplier key speaks for it.
TEST_SUPPLIER = "SUP-91330100MA2AXXXX07"


def dev_keys_setting(dev_keys: dict[str, str]) -> str:
    """XIAOPU_DEV_KEYS for {role: key}; a supplier key speaks for TEST_SUPPLIER. `role#name` is a second key of
    the role (e.g. `policy_admin#approver`, another person: four eyes); a reviewer or policy admin key names the
    person `Tester <name>`."""
    entries = []
    for name, key in dev_keys.items():
        role = name.split("#")[0]
        if role == "supplier":
            entries.append(f"{role}@{TEST_SUPPLIER}:{key}")
        elif role in ("reviewer", "policy_admin"):  # a person: four eyes tell people apart by name
            entries.append(f"{role}@Tester {name} <{role}@xiaopu.test>:{key}")
        else:
            entries.append(f"{role}:{key}")
    return ",".join(entries)


@contextmanager
def served(database_url: str, dev_keys: dict[str, str], **env: str) -> Iterator[str]:
    """`xiaopu serve` on a free port with the given development keys ({role: key}); yields its URL once it
    answers, or fails with what the server said."""
    port = free_port()
    environ = {**os.environ, "XIAOPU_DATABASE_URL": database_url, "XIAOPU_TICK_SECONDS": "0",
               "XIAOPU_DEV_KEYS": dev_keys_setting(dev_keys), **world_env(), **env}
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen([sys.executable, "-m", "cli.main", "serve", "--port", str(port)], cwd=ROOT,
                                env=environ, stdout=subprocess.DEVNULL, stderr=log)
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 90  # a loaded machine (the suite runs in parallel) starts slowly
            while True:
                try:
                    httpx.get(f"{url}/healthz", timeout=2)
                    break
                except httpx.TransportError:
                    if proc.poll() is not None or time.monotonic() > deadline:
                        log.seek(0)
                        raise RuntimeError(f"the server did not come up: {log.read()[-2000:].decode()}") from None
                    time.sleep(0.1)
            yield url
        finally:
            proc.terminate()
            proc.wait(timeout=10)


# Chromium with no network but this machine: every other host resolves to nothing and goes to a dead proxy.
OFFLINE = ("--proxy-server=http://127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1")


@contextmanager
def headless_chromium(*extra_flags: str) -> Iterator[Any]:
    """A headless Chromium; `driver.get_log("browser")` gives what its console said (CSP violations too)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM or ""
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--window-size=1280,1000", *extra_flags):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=DRIVER or ""), options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


def click_through(browser: Any, element: Any, path_end: str) -> None:
    """Click `element` and wait for the page it leads to, even when that page has the same address
    (a form posting back to its own page): the old document must be gone before `arrive` looks."""
    from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
    from selenium.webdriver.support.ui import WebDriverWait

    old_page = browser.find_element("tag name", "html")
    element.click()

    def old_page_gone(_: Any) -> bool:
        try:
            old_page.is_enabled()
            return False
        except StaleElementReferenceException:
            return True
        except WebDriverException as exc:  # Chromium may say so in its own words when the document was replaced
            if "does not belong to the document" in str(exc):
                return True
            raise

    WebDriverWait(browser, 15).until(old_page_gone)
    arrive(browser, path_end)


def arrive(browser: Any, path_end: str) -> None:
    """Wait for the page at `path_end`, whatever its query and fragment (a click returns before the next page has
    loaded)."""
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, 15).until(lambda b: b.current_url.split("#")[0].split("?")[0].endswith(path_end)
                                     and b.execute_script("return document.readyState") == "complete")


def in_view(browser: Any, element: Any) -> bool:
    """The element is within the window as the page stands (not scrolled away above or below)."""
    return bool(browser.execute_script(
        "const r = arguments[0].getBoundingClientRect(); return r.top >= -1 && r.bottom <= window.innerHeight + 1;",
        element))
