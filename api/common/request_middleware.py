"""Around every HTTP request: its id, the body size limit, the audit entry, the access-log line, the metrics.

Pure ASGI (no BaseHTTPMiddleware), outermost, so it sees every answer, the 500s included:

- the request id (see api/request_context.py) goes in the `X-Request-ID` response header;
- a body larger than XIAOPU_MAX_BODY_BYTES is refused with 413 `body_too_large`: at once when
  Content-Length says so, else as soon as the streamed body passes the limit;
- a mutating call (POST, PUT, PATCH, DELETE) is written to the append-only audit log before its response
  starts: who (key id and label), role, method, route template, path parameters, the caller's own id
  from the body (`event_id`, `order_id`, ...), the decisions it recorded, status and request id;
- one JSON access-log line per request: method, route template, status, milliseconds, request id, key
  id and role (never the key), and the request-latency histogram of /metrics.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import time
from typing import Any

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from tortoise.exceptions import OperationalError

from api.common.errors import problem_response
from api.common.metrics import observe_request
from store.audit import append_audit
from store.errors import StoreError
from workflows.common.decisions import recorded_decisions
from workflows.common.request_context import REQUEST_ID_HEADER, current_request_id, request_id_from

MUTATING = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# Ids a caller gives its own writes, in the order the audit log prefers them.
CALLER_IDS = ("event_id", "movement_id", "activation_id", "dispute_id", "order_id", "application_id", "seller_id",
              "period", "version", "sku")
access_log = logging.getLogger("xiaopu.access")
log = logging.getLogger("xiaopu.api")


# No field of this API holds a NUL character, and PostgreSQL cannot store one in text: found by the API fuzz
# (a `\u0000` in a query reached asyncpg, a 500). Refused anywhere in a request: raw, JSON-escaped (after an
# even number of backslashes) or percent-encoded in a form or the URL.
NUL_JSON = re.compile(rb"\x00|(?<!\\)(?:\\\\)*\\u0000", re.IGNORECASE)
NUL_FORM = re.compile(rb"\x00|%00")
NUL_MESSAGE = "The request holds a NUL character (U+0000), which no field of this API accepts."


class RefusedInput(HTTPException):
    """Raised while the body streams in; answered as a problem with `problem_code` (api/common/errors.py)."""

    def __init__(self, status: int, detail: str, problem_code: str) -> None:
        super().__init__(status, detail)
        self.problem_code = problem_code


def _too_large(limit: int) -> RefusedInput:
    return RefusedInput(413, f"The request body is larger than {limit} bytes.", "body_too_large")


def _nul_in_url(scope: Scope) -> str | None:
    if "\x00" in str(scope.get("path", "")) or b"%00" in bytes(scope.get("raw_path") or b""):
        return "path"
    query = bytes(scope.get("query_string") or b"")
    return "query" if b"\x00" in query or b"%00" in query else None


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key.lower() == name:
            return bytes(value).decode("latin-1")
    return None


def _route(scope: Scope) -> str | None:
    route = scope.get("route")
    return getattr(route, "path", None)


def _printable(text: str) -> str:
    """Text as the audit log can store it (a refused request's path may hold U+0000)."""
    return text.replace("\x00", "\ufffd")


def _caller_id(body: bytes, content_type: str | None) -> str | None:
    if not body or "json" not in (content_type or ""):
        return None
    try:
        data = json.loads(body)
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    found = [f"{k}={data[k]}" for k in CALLER_IDS if isinstance(data.get(k), str | int) and not isinstance(
        data.get(k), bool)]
    return ", ".join(found)[:200] or None


class RequestMiddleware:
    def __init__(self, app: ASGIApp, *, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        request_id = request_id_from(_header(scope, REQUEST_ID_HEADER.encode()))
        id_token = current_request_id.set(request_id)
        decisions: list[str] = []
        decisions_token = recorded_decisions.set(decisions)
        state: dict[str, Any] = scope.setdefault("state", {})
        method = str(scope.get("method", "GET"))
        body = bytearray()
        received = 0
        tail = b""
        status = 500
        nul = NUL_FORM if "form-urlencoded" in (_header(scope, b"content-type") or "") else NUL_JSON

        async def limited_receive() -> Message:
            nonlocal received, tail
            message = await receive()
            if message["type"] == "http.request":
                chunk = message.get("body", b"")
                received += len(chunk)
                if received > self.max_body_bytes:
                    raise _too_large(self.max_body_bytes)
                window = tail + chunk
                if nul.search(window):
                    raise RefusedInput(422, NUL_MESSAGE, "nul_character")
                tail = window[-32:]
                if method in MUTATING:
                    body.extend(chunk)
            return message

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
                message["headers"] = [*message.get("headers", []),
                                       (REQUEST_ID_HEADER.encode(), request_id.encode())]
                if method in MUTATING:
                    await self._audit(scope, state, method, status, request_id, bytes(body), decisions)
            await send(message)

        try:
            declared = _header(scope, b"content-length")
            if declared and declared.isdigit() and int(declared) > self.max_body_bytes:
                exc = _too_large(self.max_body_bytes)
                response = problem_response(413, "body_too_large", "Content too large", str(exc.detail))
                await response(scope, receive, send_with_id)
            elif where := _nul_in_url(scope):
                response = problem_response(422, "nul_character", "Invalid input", NUL_MESSAGE, extra={"errors": [
                    {"field": where, "code": "nul_character", "message": "U+0000 is not accepted"}]})
                await response(scope, receive, send_with_id)
            else:
                await self.app(scope, limited_receive, send_with_id)
        finally:
            elapsed = time.perf_counter() - started
            route = _route(scope) or "unmatched"
            observe_request(method, route, status, elapsed)
            principal = state.get("principal")
            access_log.info("request", extra={
                "request_id": request_id, "method": method, "route": route, "path": scope.get("path"), "status": status,
                "ms": round(elapsed * 1000, 2), "key_id": getattr(principal, "key_id", None),
                "role": str(principal.role) if principal else None})
            recorded_decisions.reset(decisions_token)
            current_request_id.reset(id_token)

    async def _audit(self, scope: Scope, state: dict[str, Any], method: str, status: int, request_id: str,
                     body: bytes, decisions: list[str]) -> None:
        principal = state.get("principal")
        params = scope.get("path_params") or {}
        try:
            await append_audit(
                at=dt.datetime.now(dt.UTC), request_id=request_id, key_id=getattr(principal, "key_id", None),
                key_label=getattr(principal, "label", None),
                role=str(principal.role) if principal else None, method=method,
                route=_printable(_route(scope) or str(scope.get("path", "")))[:200],
                resource_id=_printable(", ".join(f"{k}={v}" for k, v in params.items()))[:200] or None,
                caller_id=_caller_id(body, _header(scope, b"content-type")),
                decision_ids=list(decisions) if status < 400 else [], status=status)
        except (StoreError, OperationalError):
            log.exception("could not write the audit entry of %s %s", method, _printable(str(scope.get("path"))))

