"""What a browser is told about every page (everything under /review and /policy, sign-in pages and problem
pages included, and any other HTML answer such as a statement): run no script but the site's own files (the
pages have none inline), load nothing from elsewhere, be framed by nobody, post forms only here, guess no
content type, send no address to other sites, and keep no copy. /docs and /redoc send a policy of their own
(api/common/docs.py: Swagger UI starts with an inline script, admitted by its hash)."""

from __future__ import annotations

from collections.abc import Iterable

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.common.page_session import area_of

CONTENT_SECURITY_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                           "img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; form-action 'self'; "
                           "base-uri 'none'")
PAGE_HEADERS = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "cache-control": "no-store",
}
OWN_PAGES = ("/docs", "/redoc")


def is_html(raw: Iterable[tuple[bytes, bytes]]) -> bool:
    """Whether raw response headers say HTML (read as they are: a JSON answer, the common one, builds nothing)."""
    return any(name.lower() == b"content-type" and value.lower().startswith(b"text/html") for name, value in raw)


def dressed(start: Message, *, page: bool) -> Message:
    """A response's start with the page headers when it answers a page or is HTML, else as it is."""
    if not (page or is_html(start.get("headers", ()))):
        return start
    headers = MutableHeaders(raw=list(start.get("headers", [])))
    for name, value in PAGE_HEADERS.items():
        headers[name] = value
    return {**start, "headers": headers.raw}


class PageHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = str(scope.get("path", ""))
        if scope["type"] != "http" or path in OWN_PAGES:
            await self.app(scope, receive, send)
            return
        page = area_of(path) is not None

        async def with_page_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = dressed(message, page=page)
            await send(message)

        await self.app(scope, receive, with_page_headers)
