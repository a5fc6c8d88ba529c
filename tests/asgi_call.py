"""One HTTP request handed straight to the ASGI app in the test's event loop, for tests that make tens of
thousands of calls (the money state machine): httpx's client and its ASGI transport cost ~400 us a request on the
test machine, more than the app itself spends on most reads. The app sees what a server would give it: the
method, the path (percent-decoded, and raw), the query string, the headers, one body, then a disconnect once it
has answered. Tests that need cookies, redirects or streaming keep the `client` fixture (httpx)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Mapping
from typing import Any
from urllib.parse import unquote

from starlette.types import ASGIApp, Message


async def asgi_call(app: ASGIApp, method: str, url: str, *, body: Any = None,
                    headers: Mapping[str, str] | None = None) -> tuple[int, bytes]:
    """`method url` with `body` as JSON (none when None): the status and the body of the answer."""
    path, _, query = url.partition("?")
    content = b"" if body is None else json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
    raw_headers = [(b"host", b"xiaopu.test")]
    raw_headers += [(name.lower().encode("latin-1"), value.encode("latin-1"))
                    for name, value in (headers or {}).items()]
    if body is not None:
        raw_headers += [(b"content-type", b"application/json"), (b"content-length", str(len(content)).encode())]
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method.upper(),
             "scheme": "http", "path": unquote(path), "raw_path": path.encode(), "query_string": query.encode(),
             "root_path": "", "headers": raw_headers, "client": ("127.0.0.1", 50000),
             "server": ("xiaopu.test", 80), "state": {}}
    answered = asyncio.Event()
    request_sent = False
    status, chunks = 0, []

    async def receive() -> Message:
        nonlocal request_sent
        if not request_sent:
            request_sent = True
            return {"type": "http.request", "body": content, "more_body": False}
        await answered.wait()  # the client is there until the answer is complete
        return {"type": "http.disconnect"}

    async def send(message: Message) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                answered.set()

    await app(scope, receive, send)
    answered.set()
    if not status:
        raise AssertionError(f"{method} {url}: the app returned without answering")
    return status, b"".join(chunks)
