"""Every mutating call (POST, PUT, PATCH, DELETE; not a quote, a what-if or a live check, which change nothing), the
pages' forms and refused calls included, is written to the append-only audit log: who (key id and label), role,
method, route template, path parameters, the caller's own id from the body (`event_id`, `order_id`, ...), the
decisions it recorded, status and request id. An action's entry is written in the action's own transaction
(workflows/common/audit_context.py); a call that changed nothing (a replay, a refusal) before its response
starts."""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send
from tortoise.exceptions import OperationalError

from api.common.metrics import count_unauthenticated
from api.common.middleware.scope import header, printable, route_template
from store.audit import append_audit
from store.errors import StoreError
from workflows.common.audit_context import PendingAudit, pending_audit
from workflows.common.decisions import recorded_decisions
from workflows.common.request_context import current_request_id

MUTATING = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# POSTs that change nothing (a quote is asked on every product view; a draft's what-if, and the live check the raw
# editor sends as the analyst types): counted in the request metrics, not audited
READ_ONLY_POSTS = frozenset({"/v1/commission/quotes"})
READ_ONLY_DRAFT_POSTS = re.compile(r"^(/v1/policy-drafts/[^/]+/what-if|/policy/drafts/[^/]+/(what-if|check))$")
# Ids a caller gives its own writes, in the order the audit log prefers them.
CALLER_IDS = ("event_id", "movement_id", "activation_id", "dispute_id", "order_id", "application_id", "seller_id",
              "period", "version", "sku")
log = logging.getLogger("xiaopu.api")


def caller_id(body: bytes, content_type: str | None) -> str | None:
    if not body or "json" not in (content_type or ""):
        return None
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):  # brackets a few thousand deep exhaust the stack: no id to name
        return None
    if not isinstance(data, dict):
        return None
    found = [f"{k}={data[k]}" for k in CALLER_IDS if isinstance(data.get(k), str | int) and not isinstance(
        data.get(k), bool)]
    return ", ".join(found)[:200] or None


def audited(scope: Scope) -> bool:
    """Whether the call is written to the audit log: every mutating HTTP call but the POSTs that change nothing."""
    if scope["type"] != "http" or str(scope.get("method", "GET")) not in MUTATING:
        return False
    path = str(scope.get("path"))
    return path not in READ_ONLY_POSTS and not ("drafts/" in path and READ_ONLY_DRAFT_POSTS.match(path))


class AuditTrail:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not audited(scope):
            await self.app(scope, receive, send)
            return
        method = str(scope["method"])
        body = bytearray()
        decisions = recorded_decisions.get()

        def entry(status: int | None = None) -> dict[str, Any]:
            if status is None:  # the action commits: its route's success status (a replay is answered later)
                status = success_status(scope)
            return _entry(scope, method, status, bytes(body), decisions or [])

        # the action's transaction writes the entry with the action (workflows/common/audit_context.py)
        pending = PendingAudit(entry)
        token = pending_audit.set(pending)

        async def keeping_body() -> Message:
            message = await receive()
            if message["type"] == "http.request":
                body.extend(message.get("body", b""))
            return message

        async def audited_send(message: Message) -> None:
            if message["type"] == "http.response.start" and not pending.written:
                status = int(message["status"])
                if status == 401 and not scope.get("state", {}).get("principal"):
                    count_unauthenticated(method)  # no key, nobody to name: counted, not written row by row
                else:
                    await self._write(method, entry(status))
            await send(message)

        try:
            await self.app(scope, keeping_body, audited_send)
        finally:
            pending_audit.reset(token)

    async def _write(self, method: str, values: dict[str, Any]) -> None:
        try:
            await append_audit(**values)
        except (StoreError, OperationalError):
            log.exception("could not write the audit entry of %s %s", method, values["route"])


def success_status(scope: Scope) -> int:
    """What a call answers when its action commits: the route's status, a page form's redirect (303)."""
    declared = getattr(scope.get("route"), "status_code", None)
    if declared:
        return int(declared)
    return 200 if str(scope.get("path", "")).startswith("/v1/") else 303


def _entry(scope: Scope, method: str, status: int, body: bytes, decisions: list[str]) -> dict[str, Any]:
    principal = scope.get("state", {}).get("principal")
    params = scope.get("path_params") or {}
    return dict(
        at=dt.datetime.now(dt.UTC), request_id=current_request_id.get() or "",
        key_id=getattr(principal, "key_id", None), key_label=getattr(principal, "label", None),
        role=str(principal.role) if principal else None, method=method,
        route=printable(route_template(scope) or str(scope.get("path", "")))[:200],
        resource_id=printable(", ".join(f"{k}={v}" for k, v in params.items()))[:200] or None,
        caller_id=caller_id(body, header(scope, b"content-type")),
        decision_ids=list(decisions) if status < 400 else [], status=status)
