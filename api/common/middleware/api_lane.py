"""The JSON API's reads on one short path: the calls storefronts make on every product view (a quote, a GET)
answered in one layer instead of twelve.

Through the general stack a quote passed Starlette's and FastAPI's own layers (server errors, telemetry, body
limit, exception handlers, exit stacks, the router and its request wrapper) and ours (access log, audit trail,
input guard, page layers, unhandled errors), each wrapping the call and most of them its `send`: about a third of
the product's CPU per quote. The lane does the same work for a read in one place, from the same parts:
`RequestTrace` (request id, log line, latency), the input guard's checks, the page headers of an HTML answer, the
app's own exception handlers, the 500 problem of anything else, and the route's `DirectRoute.answer`.

A request takes the lane only when nothing else is owed to it: an HTTP call that the audit trail does not write
(api/common/middleware/audit_trail.py), outside the pages, whose first matching route is a `DirectRoute` with a
plan. Everything else (every mutation, every page, docs, /metrics, an unknown path, a wrong method) goes through
the general stack as before. tests/api/test_api_lane.py holds the lane's answers equal to the stack's.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.common.direct_route import DirectRoute
from api.common.errors import log_unhandled, unhandled_problem
from api.common.middleware.access_log import RequestTrace
from api.common.middleware.audit_trail import audited
from api.common.middleware.input_guard import guarded, refusal_of_head
from api.common.middleware.page_headers import dressed
from api.common.page_session import area_of

ExceptionHandler = Callable[[Request, Exception], Any]


class ApiLane:
    """The app's outermost layer: a read of the JSON API answered here, anything else passed to `stack`."""

    def __init__(self, app: FastAPI, stack: ASGIApp, *, max_body_bytes: int) -> None:
        self.app, self.stack, self.max_body_bytes = app, stack, max_body_bytes
        self.by_class: dict[type[Exception], ExceptionHandler] = {}
        self.by_status: dict[int, ExceptionHandler] = {}
        for key, handler in app.exception_handlers.items():  # as Starlette's ExceptionMiddleware takes them
            if key in (500, Exception):  # the server-error layer's: the lane answers those itself
                continue
            if isinstance(key, int):
                self.by_status[key] = handler
            else:
                self.by_class[key] = handler

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        found = self._route(scope) if scope["type"] == "http" else None
        if found is None:
            await self.stack(scope, receive, send)
            return
        route, matched = found
        trace = RequestTrace(scope)
        scope.setdefault("state", {})
        started = False

        async def send_once(message: Message) -> None:  # the one wrapper of `send` on this path
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message = trace.answered(dressed(message, page=False))  # in the order of the stack's layers
            await send(message)

        try:
            response = refusal_of_head(scope, self.max_body_bytes)  # refused before routing, as in the stack
            if response is None:
                scope.update(matched)
                scope.setdefault("router", self.app.router)
                guarded_receive = guarded(scope, receive, self.max_body_bytes)
                request = Request(scope, guarded_receive, send_once)
                response = await self._answer(route, request)
                await response(scope, guarded_receive, send_once)
            else:
                await response(scope, receive, send_once)
        except Exception:
            log_unhandled(scope)
            if started:  # too late for a problem response; the server closes the connection
                raise
            await unhandled_problem()(scope, receive, send_once)
        finally:
            trace.close(scope)

    def _route(self, scope: Scope) -> tuple[DirectRoute, Scope] | None:
        """The route of a call the lane may answer, with what the router would add to the scope; else None."""
        path = scope["path"]
        if audited(scope) or area_of(path) is not None:
            return None
        for route in self.app.router.routes:
            match, child = route.matches(scope)
            if match == Match.NONE:
                continue
            if (match != Match.FULL or not isinstance(route, DirectRoute) or route.plan is None
                    or "fastapi" in child):  # FastAPI's router has more to do for this one
                return None
            return route, child
        return None

    async def _answer(self, route: DirectRoute, request: Request) -> Response:
        try:
            return await route.answer(request)
        except Exception as exc:
            handler = self._handler_of(exc)
            if handler is None:
                raise
            response = await handler(request, exc) if inspect.iscoroutinefunction(handler) else \
                await run_in_threadpool(handler, request, exc)
            exc.__traceback__ = None  # as Starlette: a reused exception instance would keep every traceback
            return response  # type: ignore[no-any-return]

    def _handler_of(self, exc: Exception) -> ExceptionHandler | None:
        """The app's handler of `exc`, looked up as Starlette does: by status for an HTTPException, then by the
        nearest class."""
        if isinstance(exc, HTTPException) and (handler := self.by_status.get(exc.status_code)):
            return handler
        for cls in type(exc).__mro__:
            if cls in self.by_class:
                return self.by_class[cls]
        return None
