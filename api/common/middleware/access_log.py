"""What a request is and how it went: its id (the caller's `X-Request-ID` when it is well formed, else a new
one) in the context for logs and problem bodies and in the response header; the decisions it records collected
in the context (the audit trail names them); then one JSON access-log line (method, route template, status,
milliseconds, request id, key id and role, never the key) and the request-latency histogram of /metrics.

One layer for both: they wrap the same call and every request, a quote too, passes through it. `RequestTrace` is
that work for one request, shared with the JSON API's short path (api_lane.py)."""

from __future__ import annotations

import logging
import time
from contextvars import Token

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.common.metrics import observe_request
from api.common.middleware.scope import header, route_template
from workflows.common.decisions import recorded_decisions
from workflows.common.request_context import (
    ACCESS_LOGGER,
    REQUEST_ID_HEADER,
    current_request_id,
    log_fields,
    request_id_from,
)

access_log = logging.getLogger(ACCESS_LOGGER)
ID_HEADER = REQUEST_ID_HEADER.encode()


class RequestTrace:
    """One request's id and decisions in the context from its start; its status as it answers; its log line and
    latency when `close` is called (always: in a `finally`)."""

    __slots__ = ("status", "request_id", "_started", "_id_token", "_decisions_token")

    def __init__(self, scope: Scope) -> None:
        self._started, self.status = time.perf_counter(), 500
        self.request_id = request_id_from(header(scope, ID_HEADER))
        self._id_token: Token[str | None] = current_request_id.set(self.request_id)
        self._decisions_token: Token[list[str] | None] = recorded_decisions.set([])
        scope.setdefault("state", {})  # where the key check puts the principal the log line names

    def answered(self, message: Message) -> Message:
        """The response's start, seen: its status kept and the request id added to its headers."""
        self.status = int(message["status"])
        message["headers"] = [*message.get("headers", []), (ID_HEADER, self.request_id.encode())]
        return message

    def close(self, scope: Scope) -> None:
        elapsed, method = time.perf_counter() - self._started, str(scope.get("method", "GET"))
        route = route_template(scope) or "unmatched"
        observe_request(method, route, self.status, elapsed)
        if access_log.isEnabledFor(logging.INFO):
            principal = scope.get("state", {}).get("principal")
            log_fields(access_log, "request", {
                "request_id": self.request_id, "method": method, "route": route, "path": scope.get("path"),
                "status": self.status, "ms": round(elapsed * 1000, 2), "key_id": getattr(principal, "key_id", None),
                "role": str(principal.role) if principal else None})
        recorded_decisions.reset(self._decisions_token)
        current_request_id.reset(self._id_token)


class AccessLog:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        trace = RequestTrace(scope)

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = trace.answered(message)
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            trace.close(scope)
