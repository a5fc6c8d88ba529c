"""One JSON access-log line per request (method, route template, status, milliseconds, request id, key id and
role, never the key) and the request-latency histogram of /metrics."""

from __future__ import annotations

import logging
import time
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.common.metrics import observe_request
from api.common.middleware.scope import route_template
from workflows.common.request_context import current_request_id

access_log = logging.getLogger("xiaopu.access")


class AccessLog:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started, status = time.perf_counter(), 500
        state: dict[str, Any] = scope.setdefault("state", {})

        async def noting_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, noting_status)
        finally:
            elapsed, method = time.perf_counter() - started, str(scope.get("method", "GET"))
            route = route_template(scope) or "unmatched"
            observe_request(method, route, status, elapsed)
            principal = state.get("principal")
            access_log.info("request", extra={
                "request_id": current_request_id.get(), "method": method, "route": route, "path": scope.get("path"),
                "status": status, "ms": round(elapsed * 1000, 2), "key_id": getattr(principal, "key_id", None),
                "role": str(principal.role) if principal else None})
