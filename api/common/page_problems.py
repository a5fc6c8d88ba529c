"""People's pages answer pages: a problem (404, 422, 409 ...) met on a page under /policy or /review is shown
as that area's page with the error in words, never as raw problem JSON. One ASGI wrapper; the API under /v1
is untouched."""

from __future__ import annotations

import json
from typing import Any

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from reports.pages import render

# page area -> (base template, where "Back" leads)
AREAS = {"/policy/": ("policy_base.html.j2", "/policy/versions"), "/review/": ("review_base.html.j2", "/review")}
FIELD_NAMES = {"query.": "", "body.": "", "path.": ""}


def _field(name: str) -> str:
    for prefix in FIELD_NAMES:
        name = name.removeprefix(prefix)
    return name


def problem_page(problem: dict[str, Any], base: str, home: str) -> str:
    errors = [{"field": _field(str(e.get("field", ""))), "message": e.get("message", "")}
              for e in problem.get("errors", [])]
    detail = str(problem.get("detail", ""))
    if errors and problem.get("code") == "invalid_input":
        detail = "Some of what was asked for is not valid:"
    return render("page_problem.html.j2", base=base, home=home, title=problem.get("title", "Error"),
                  detail=detail, errors=errors, status=problem.get("status", ""), code=problem.get("code", ""),
                  request_id=problem.get("request_id"))


class PageProblems:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        area = next((v for k, v in AREAS.items() if scope["type"] == "http" and scope["path"].startswith(k)), None)
        if area is None:
            await self.app(scope, receive, send)
            return
        start: Message | None = None
        body = bytearray()

        async def as_page(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                if Headers(raw=message["headers"]).get("content-type", "").startswith("application/problem+json"):
                    start = message
                    return
            elif start is not None and message["type"] == "http.response.body":
                body.extend(message.get("body", b""))
                if message.get("more_body"):
                    return
                html = problem_page(json.loads(body or b"{}"), *area).encode()
                headers = MutableHeaders(raw=list(start["headers"]))
                headers["content-type"] = "text/html; charset=utf-8"
                headers["content-length"] = str(len(html))
                await send({**start, "headers": headers.raw})
                await send({"type": "http.response.body", "body": html})
                return
            await send(message)

        await self.app(scope, receive, as_page)
