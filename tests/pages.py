"""The people's pages driven over HTTP as a browser drives them: open the page, then send its form with the form
token (`csrf_token`) the page carries."""

from __future__ import annotations

import re

import httpx

FORM_TOKEN = re.compile(r'<input type="hidden" name="csrf_token" value="([^"]*)">')


def form_token(html: str) -> str:
    """The token of the page's forms (every form of a page carries the same)."""
    found = FORM_TOKEN.search(html)
    assert found, "the page has no form carrying a csrf_token"
    return found.group(1)


def seen_in_force(html: str) -> str:
    """What a policy page's approval form says it showed the change against (`in_force_seen`)."""
    found = re.search(r'<input type="hidden" name="in_force_seen" value="([^"]*)">', html)
    assert found, "the page has no approval form"
    return found.group(1)


def page_form_id(html: str) -> str:
    """The id the page gives its form (`form_id`): what the form makes is named by it, once."""
    found = re.search(r'<input type="hidden" name="form_id" value="([0-9a-f]{16})">', html)
    assert found, "the page has no form carrying a form_id"
    return found.group(1)


async def submit_once(client: httpx.AsyncClient, page: str, action: str, data: dict[str, str]) -> httpx.Response:
    """submit() to a form that carries its own id (`form_id`), as the page sends it."""
    opened = await client.get(page)
    assert opened.status_code == 200, (page, opened.status_code, opened.headers.get("location"))
    return await client.post(action, data={**data, "form_id": page_form_id(opened.text),
                                           "csrf_token": form_token(opened.text)})


def without_form_token(html: str) -> str:
    """The page as it reads, whatever the session that opened it."""
    return FORM_TOKEN.sub("", html)


async def submit(client: httpx.AsyncClient, page: str, action: str, data: dict[str, str],
                 **headers: str) -> httpx.Response:
    """Open `page`, then post `data` to `action` with the page's form token."""
    opened = await client.get(page)
    assert opened.status_code == 200, (page, opened.status_code, opened.headers.get("location"))
    return await client.post(action, data={**data, "csrf_token": form_token(opened.text)}, headers=headers)


async def sign_in(client: httpx.AsyncClient, area: str, key: str) -> httpx.Response:
    """Sign in on the pages of `area` (`/review`, `/policy`) with `key`; the answer (303 when it worked)."""
    return await submit(client, f"{area}/sign-in", f"{area}/sign-in", {"key": key})


async def sign_out(client: httpx.AsyncClient, area: str, page: str) -> httpx.Response:
    """Press "Sign out" on `page`."""
    return await submit(client, page, f"{area}/sign-out", {})
