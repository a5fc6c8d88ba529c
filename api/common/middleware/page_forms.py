"""The pages' forms (under /review and /policy): every page is rendered with its form token (`form_token`, which
the templates put in each form as `csrf_token`), and every post is refused, 403 and before any handler runs,
when it does not come from the service's own pages:

- `cross_origin_form` when the browser says so: `Sec-Fetch-Site` other than `same-origin`, or an `Origin` that
  is not the request's own scheme://host:port (another port of the same host is another site);
- `form_token_invalid` when the form's `csrf_token` is missing or wrong: the session's token on the pages of a
  session, on the sign-in form the token of the area's sign-in cookie (set here when the sign-in page is shown).

A client sending neither header (not a browser) is judged by the token alone. Only url-encoded forms (what the
pages send) can carry a token."""

from __future__ import annotations

from http import HTTPStatus
from urllib.parse import parse_qsl, urlsplit

from fastapi.responses import Response
from starlette.exceptions import HTTPException
from starlette.requests import cookie_parser
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.common.errors import problem_response
from api.common.form_tokens import (
    SIGN_IN_TOKEN_SECONDS,
    new_sign_in_token,
    same_token,
    session_form_token,
    well_formed_sign_in_token,
)
from api.common.middleware.scope import header
from api.common.page_session import PageArea, area_of
from reports.pages import form_token

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
DEFAULT_PORTS = {"http": 80, "https": 443}
TOKEN_FIELD = "csrf_token"


def _origin(scheme: str, netloc: str) -> tuple[str, str, int | None] | None:
    try:
        parts = urlsplit(f"{scheme}://{netloc}")
        return scheme.lower(), (parts.hostname or "").lower(), parts.port or DEFAULT_PORTS.get(scheme.lower())
    except ValueError:  # a port that is no number
        return None


def own_origin(scope: Scope) -> tuple[str, str, int | None] | None:
    """The origin the request was sent to: its scheme, and the Host it names (else the server's address)."""
    server = scope.get("server") or ("", None)
    host = header(scope, b"host") or (f"{server[0]}:{server[1]}" if server[1] else str(server[0]))
    return _origin(str(scope.get("scheme", "http")), host)


def sent_from_elsewhere(scope: Scope) -> str | None:
    """Why the browser's own headers say this post does not come from this site's pages; None when they do not
    say so (or are absent)."""
    site = header(scope, b"sec-fetch-site")
    if site is not None and site != "same-origin":
        return f"The browser says this form was sent from another site ({site}); the pages take only their own forms."
    origin = header(scope, b"origin")
    if origin is None:
        return None
    scheme, _, netloc = origin.partition("://")
    sent_from = _origin(scheme, netloc) if netloc and "/" not in netloc else None
    if sent_from is None or sent_from != own_origin(scope):
        return f"This form was sent from {origin}, another site; the pages take only their own forms."
    return None


def posted_token(scope: Scope, body: bytes) -> str:
    if "application/x-www-form-urlencoded" not in (header(scope, b"content-type") or ""):
        return ""
    fields = parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True)
    return next((value for name, value in fields if name == TOKEN_FIELD), "")


async def whole_body(receive: Receive) -> bytes:
    """The request body (what came of it, when the client went away)."""
    body = bytearray()
    while True:
        message = await receive()
        body.extend(message.get("body", b""))
        if message["type"] != "http.request" or not message.get("more_body"):
            return bytes(body)


def replaying(body: bytes, receive: Receive) -> Receive:
    """A receive that gives the body read already, then whatever the client sends next (its disconnect)."""
    given = False

    async def replay() -> Message:
        nonlocal given
        if given:
            return await receive()
        given = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replay


def sign_in_cookie(area: PageArea, token: str, secure: bool) -> tuple[bytes, bytes]:
    response = Response()
    response.set_cookie(area.sign_in_cookie, token, max_age=SIGN_IN_TOKEN_SECONDS, path=area.area, secure=secure,
                        httponly=True, samesite="strict")
    return next((name, value) for name, value in response.raw_headers if name == b"set-cookie")


async def refused_post(scope: Scope, receive: Receive, token: str) -> tuple[Response | None, Receive]:
    """The answer refusing a page post (None when it may go on), and the receive that gives its body again."""
    if why := sent_from_elsewhere(scope):
        return problem_response(403, "cross_origin_form", "Forbidden", why), receive
    try:
        body = await whole_body(receive)
    except HTTPException as exc:  # the input guard's limits, met as the body streams in
        code = getattr(exc, "problem_code", None) or "http_error"
        return problem_response(exc.status_code, code, HTTPStatus(exc.status_code).phrase, str(exc.detail)), receive
    if not same_token(token, posted_token(scope, body)):
        return problem_response(403, "form_token_invalid", "Forbidden", "The form carries no valid form token "
                                "(csrf_token): open the page again and send the form from there."), receive
    return None, replaying(body, receive)


class PageForms:
    def __init__(self, app: ASGIApp, *, secure_cookies: bool) -> None:
        self.app = app
        self.secure_cookies = secure_cookies

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        area = area_of(str(scope.get("path", ""))) if scope["type"] == "http" else None
        if area is None:
            await self.app(scope, receive, send)
            return
        safe = str(scope.get("method", "GET")) in SAFE_METHODS
        cookies = cookie_parser(header(scope, b"cookie") or "")
        new_token = ""
        if scope["path"] == area.sign_in_path:  # no session yet: the sign-in cookie's token
            token = cookies.get(area.sign_in_cookie, "")
            if not well_formed_sign_in_token(token):  # none, or not one of ours: a page gets a new one
                token = new_token = new_sign_in_token() if safe else ""
        else:
            token = session_form_token(cookies.get(area.cookie, ""))
        if not safe:
            refusal, receive = await refused_post(scope, receive, token)
            if refusal is not None:
                await refusal(scope, receive, send)
                return
        if new_token:
            send = setting_cookie(send, sign_in_cookie(area, new_token, self.secure_cookies))
        marker = form_token.set(token)
        try:
            await self.app(scope, receive, send)
        finally:
            form_token.reset(marker)


def setting_cookie(send: Send, cookie: tuple[bytes, bytes]) -> Send:
    async def send_with_cookie(message: Message) -> None:
        if message["type"] == "http.response.start":
            message = {**message, "headers": [*message.get("headers", []), cookie]}
        await send(message)

    return send_with_cookie
