"""The request's id: the caller's `X-Request-ID` when it is well formed, else a new one; set in the context
for logs and problem bodies, echoed in the response header. The decisions a request records are collected
in the context too (the audit trail names them)."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.common.middleware.scope import header
from workflows.common.decisions import recorded_decisions
from workflows.common.request_context import REQUEST_ID_HEADER, current_request_id, request_id_from


class RequestIdentity:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = request_id_from(header(scope, REQUEST_ID_HEADER.encode()))
        id_token = current_request_id.set(request_id)
        decisions_token = recorded_decisions.set([])

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), (REQUEST_ID_HEADER.encode(), request_id.encode())]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            recorded_decisions.reset(decisions_token)
            current_request_id.reset(id_token)
