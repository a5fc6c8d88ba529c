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

from fastapi import FastAPI
from starlette._exception_handler import wrap_app_handling_exceptions
from starlette.middleware.exceptions import ExceptionMiddleware
from starlette.requests import Request
from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.common.direct_route import DirectRoute
from api.common.errors import log_unhandled, unhandled_problem
from api.common.middleware.access_log import RequestTrace
from api.common.middleware.audit_trail import audited
from api.common.middleware.input_guard import guarded, refusal_of_head
from api.common.middleware.page_headers import dressed
from api.common.page_session import area_of


class ApiLane:
    """The app's outermost layer: a read of the JSON API answered here, anything else passed to `stack`."""

    def __init__(self, app: FastAPI, stack: ASGIApp, *, max_body_bytes: int) -> None:
        self.app, self.stack, self.max_body_bytes = app, stack, max_body_bytes
        # the app's handlers as Starlette's exception layer holds them (500 and Exception are the server-error
        # layer's: the lane answers those itself), for Starlette's own lookup (`wrap_app_handling_exceptions`)
        tables = ExceptionMiddleware(stack, handlers={key: handler for key, handler in app.exception_handlers.items()
                                                      if key not in (500, Exception)})
        self.handlers = (tables._exception_handlers, tables._status_handlers)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        found = self._route(scope) if scope["type"] == "http" else None
        if found is None:
            await self.stack(scope, receive, send)
            return
        route, matched = found
        trace = RequestTrace(scope)
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
                scope["starlette.exception_handlers"] = self.handlers
                guarded_receive = guarded(scope, receive, self.max_body_bytes)
                request = Request(scope, guarded_receive, send_once)

                async def respond(scope: Scope, receive: Receive, send: Send) -> None:
                    response = await route.answer(request)
                    await response(scope, receive, send)

                await wrap_app_handling_exceptions(respond, request)(scope, guarded_receive, send_once)
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
