"""What no request may carry: a body larger than XIAOPU_MAX_BODY_BYTES (413 `body_too_large`: at once when
Content-Length says so, else as soon as the streamed body passes the limit), or a NUL character (422
`nul_character`) anywhere: raw, JSON-escaped (after an even number of backslashes) or percent-encoded in a
form or the URL. No field of this API holds a NUL, and PostgreSQL cannot store one in text: found by the API
fuzz (a `\\u0000` in a query reached asyncpg, a 500)."""

from __future__ import annotations

import re

from starlette.exceptions import HTTPException
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.common.errors import problem_response
from api.common.middleware.scope import header

NUL_JSON = re.compile(rb"\x00|(?<!\\)(?:\\\\)*\\u0000", re.IGNORECASE)
# What any match of NUL_JSON or NUL_FORM holds: the pattern runs only on a window holding one of these (a search of
# NUL_JSON itself tries its lookbehind at every byte: 18 us on a 3-line quote's 239 bytes, 70 ms on a megabyte).
NUL_HINTS = (b"\x00", b"0000", b"%00")
NUL_FORM = re.compile(rb"\x00|%00")
BINARY = "application/gzip"  # a policy tree (the workbench's import)
NUL_MESSAGE = "The request holds a NUL character (U+0000), which no field of this API accepts."


class RefusedInput(HTTPException):
    """Raised while the body streams in; answered as a problem with `problem_code` (api/common/errors.py)."""

    def __init__(self, status: int, detail: str, problem_code: str) -> None:
        super().__init__(status, detail)
        self.problem_code = problem_code


def holds_nul(pattern: re.Pattern[bytes], window: bytes) -> bool:
    return any(hint in window for hint in NUL_HINTS) and pattern.search(window) is not None


def too_large(limit: int) -> RefusedInput:
    return RefusedInput(413, f"The request body is larger than {limit} bytes.", "body_too_large")


def nul_in_url(scope: Scope) -> str | None:
    if "\x00" in str(scope.get("path", "")) or b"%00" in bytes(scope.get("raw_path") or b""):
        return "path"
    query = bytes(scope.get("query_string") or b"")
    return "query" if b"\x00" in query or b"%00" in query else None


def refusal_of_head(scope: Scope, max_body_bytes: int) -> Response | None:
    """What refuses the request before its body is read: a declared length over the limit, a NUL in the URL."""
    declared = header(scope, b"content-length")
    if declared and declared.isdigit() and int(declared) > max_body_bytes:
        return problem_response(413, "body_too_large", "Content too large", str(too_large(max_body_bytes).detail))
    if where := nul_in_url(scope):
        return problem_response(422, "nul_character", "Invalid input", NUL_MESSAGE, extra={"errors": [
            {"field": where, "code": "nul_character", "message": "U+0000 is not accepted"}]})
    return None


def guarded(scope: Scope, receive: Receive, max_body_bytes: int) -> Receive:
    """`receive`, raising RefusedInput as soon as the body passes the limit or holds a NUL."""
    content_type = header(scope, b"content-type") or ""
    # an archive is binary: its files are read as UTF-8 text and held to the same rule where they are unpacked
    nul = None if content_type.startswith(BINARY) else NUL_FORM if "form-urlencoded" in content_type else NUL_JSON
    received, tail = 0, b""

    async def guarded_receive() -> Message:
        nonlocal received, tail
        message = await receive()
        if message["type"] == "http.request":
            chunk = message.get("body", b"")
            received += len(chunk)
            if received > max_body_bytes:
                raise too_large(max_body_bytes)
            window = tail + chunk
            if nul is not None and holds_nul(nul, window):
                raise RefusedInput(422, NUL_MESSAGE, "nul_character")
            tail = window[-32:]
        return message

    return guarded_receive


class InputGuard:
    def __init__(self, app: ASGIApp, *, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if refusal := refusal_of_head(scope, self.max_body_bytes):
            await refusal(scope, receive, send)
            return
        await self.app(scope, guarded(scope, receive, self.max_body_bytes), send)
