"""What a request is and how it went: its id (the caller's `X-Request-ID` when it is well formed, else a new
one) in the context for logs and problem bodies and in the response header; the decisions it records collected
in the context (the audit trail names them); then one JSON access-log line (method, route template, status,
milliseconds, request id, key id and role, never the key) and the request-latency histogram of /metrics.

One layer for both: they wrap the same call and every request, a quote too, passes through it."""

from __future__ import annotations

import logging
import time
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.common.metrics import observe_request
from api.common.middleware.scope import header, route_template
from workflows.common.decisions import recorded_decisions
from workflows.common.request_context import REQUEST_ID_HEADER, current_request_id, log_fields, request_id_from

access_log = logging.getLogger("xiaopu.access")
ID_HEADER = REQUEST_ID_HEADER.encode()


class AccessLog:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started, status = time.perf_counter(), 500
        request_id = request_id_from(header(scope, ID_HEADER))
        id_token = current_request_id.set(request_id)
        decisions_token = recorded_decisions.set([])
        state: dict[str, Any] = scope.setdefault("state", {})

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
                message["headers"] = [*message.get("headers", []), (ID_HEADER, request_id.encode())]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            elapsed, method = time.perf_counter() - started, str(scope.get("method", "GET"))
            route = route_template(scope) or "unmatched"
            observe_request(method, route, status, elapsed)
            if access_log.isEnabledFor(logging.INFO):
                principal = state.get("principal")
                log_fields(access_log, "request", {
                    "request_id": request_id, "method": method, "route": route, "path": scope.get("path"),
                    "status": status, "ms": round(elapsed * 1000, 2), "key_id": getattr(principal, "key_id", None),
                    "role": str(principal.role) if principal else None})
            recorded_decisions.reset(decisions_token)
            current_request_id.reset(id_token)
