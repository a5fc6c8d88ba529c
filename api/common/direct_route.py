"""A route of the JSON API that answers a well-formed call without FastAPI's general-purpose request handler.

FastAPI's handler serves every shape a route can take (forms, streams, dependencies with `yield`, overrides,
telemetry) and pays for that generality on every call: it parses the content type with the `email` package,
walks the dependency tree through `solve_dependencies`, builds a scratch `Response` for parameters no route here
declares, and wraps each step in telemetry hooks. On a 3-line quote that was a third of the product's CPU.

`DirectRoute` works out once, when the route is defined, what its handler needs (a plan): the path and query
parameters, at most one JSON body, dependencies that take nothing but the request (the API key check), and a
response model. A call whose content type is plain `application/json`, whose body parses and whose parameters
and body validate is answered by the plan, using FastAPI's own validators (`request_params_to_args`, and the
body field's `validate` as `request_body_to_args` calls it for one body) and its own response serialization
(the route's response field), so the answer is the one FastAPI would give. The body is parsed by orjson. Anything
else (a malformed body, JSON that orjson refuses such as a number beyond 64 bits, a missing parameter, another
content type) goes to FastAPI's handler, which reports it exactly as before; so does every call of a route whose
shape the plan does not cover. tests/api/test_direct_route.py compares both handlers' answers on the same calls.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Coroutine
from contextlib import AsyncExitStack
from dataclasses import dataclass
from typing import Any

import orjson
from fastapi import Request, Response, params
from fastapi._compat import ModelField
from fastapi.datastructures import DefaultPlaceholder
from fastapi.dependencies.models import Dependant
from fastapi.dependencies.utils import request_params_to_args
from fastapi.exceptions import ResponseValidationError
from fastapi.routing import APIRoute
from fastapi.utils import is_body_allowed_for_status_code
from starlette.types import Scope

Handler = Callable[[Request], Coroutine[Any, Any, Response]]
NO_BODY_STATUSES = frozenset({204, 304})


@dataclass(frozen=True)
class Plan:
    """What a direct answer of one route needs, worked out when the route is defined."""

    dependant: Dependant
    checks: tuple[tuple[str | None, Callable[[Request], Coroutine[Any, Any, Any]]], ...]  # (parameter, call)
    request_param: str | None
    response_param: str | None  # the endpoint's `response: Response`, to set a status or headers on
    body: ModelField | None  # the one JSON body, validated as FastAPI validates a single body that is not embedded
    status_code: int | None
    render: Callable[[Any], bytes]


def _is_request_only(sub: Dependant) -> bool:
    """A dependency the plan can call itself: an async callable of the request alone (the key check)."""
    call = sub.call
    method = getattr(call, "__call__", None)  # noqa: B004 (an instance whose __call__ is the coroutine)
    is_async = inspect.iscoroutinefunction(call) or (
        not inspect.isroutine(call) and not inspect.isclass(call) and inspect.iscoroutinefunction(method))
    return (is_async and sub.use_cache and not sub.dependencies and not sub.path_params and not sub.query_params
            and not sub.header_params and not sub.cookie_params and not sub.body_params
            and sub.background_tasks_param_name is None and sub.response_param_name is None
            and sub.security_scopes_param_name is None and sub.websocket_param_name is None
            and sub.http_connection_param_name is None and getattr(sub, "concurrency", None) is None)


def plan_of(route: APIRoute) -> Plan | None:
    """The plan for `route`, or None when its shape asks for FastAPI's own handler."""
    dep = route.dependant
    field = route.response_field
    if (field is None or not isinstance(route.response_class, DefaultPlaceholder)
            or route.status_code in NO_BODY_STATUSES or not inspect.iscoroutinefunction(dep.call)
            or dep.header_params or dep.cookie_params or len(dep.body_params) > 1
            or (dep.body_params and (route._embed_body_fields or route.body_field is None
                                     or isinstance(route.body_field.field_info, params.Form)))
            or dep.background_tasks_param_name or dep.security_scopes_param_name
            or dep.websocket_param_name or dep.http_connection_param_name
            or not all(_is_request_only(sub) for sub in dep.dependencies)):
        return None

    checks = tuple((sub.name, sub.call) for sub in dep.dependencies)
    return Plan(dependant=dep, checks=checks, request_param=dep.request_param_name,  # type: ignore[arg-type]
                response_param=dep.response_param_name, body=route.body_field if dep.body_params else None,
                status_code=route.status_code, render=functools.partial(rendered, route))


def rendered(route: APIRoute, content: Any) -> bytes:
    """An endpoint's answer checked against the route's response model and written as JSON, as FastAPI does."""
    field = route.response_field
    assert field is not None
    value, errors = field.validate(content, {}, loc=("response",))
    if errors:
        raise ResponseValidationError(errors=errors, body=content)
    return field.serialize_json(value, include=route.response_model_include, exclude=route.response_model_exclude,
                                by_alias=route.response_model_by_alias,
                                exclude_unset=route.response_model_exclude_unset,
                                exclude_defaults=route.response_model_exclude_defaults,
                                exclude_none=route.response_model_exclude_none)


def _json_content(scope: Scope) -> bool:
    """Whether the first Content-Type header (as Starlette's `headers.get` reads it) is plain JSON. (The
    middleware's `scope.header` would do, but its package imports the routes, which import this module.)"""
    for name, value in scope["headers"]:
        if name.lower() == b"content-type":
            return bool(value.split(b";", 1)[0].strip().lower() == b"application/json")
    return False


async def _answer(plan: Plan, request: Request, fallback: Handler) -> Response:
    dep = plan.dependant
    body: Any = None
    if plan.body is not None:
        if not _json_content(request.scope):
            return await fallback(request)
        raw = await request.body()  # kept by the request: the fallback reads it again without the network
        if not raw:
            return await fallback(request)
        try:  # orjson where it parses (the same values as json); anything it refuses is FastAPI's to report
            body = orjson.loads(raw)
        except orjson.JSONDecodeError:
            return await fallback(request)
    values: dict[str, Any] = {}
    errors: list[Any] = []
    if dep.path_params:
        values, errors = request_params_to_args(dep.path_params, request.path_params)
    if dep.query_params:
        query, query_errors = request_params_to_args(dep.query_params, request.query_params)
        values.update(query)
        errors += query_errors
    if plan.body is not None and not errors:  # request_body_to_args' own steps for one body that is not embedded
        values[plan.body.name], body_errors = plan.body.validate(body, {}, loc=("body",))
        errors += body_errors
    if errors:  # FastAPI's handler runs the key check first and then reports these
        return await fallback(request)
    solved: dict[Any, Any] = {}
    for name, call in plan.checks:
        if call not in solved:  # one call per dependency and request, as FastAPI caches it
            solved[call] = await call(request)
        if name is not None:
            values[name] = solved[call]
    if plan.request_param:
        values[plan.request_param] = request
    sub_response = None
    if plan.response_param:  # as FastAPI makes it: no status and no headers until the endpoint sets them
        sub_response = values[plan.response_param] = Response()
        del sub_response.headers["content-length"]
        sub_response.status_code = None  # type: ignore[assignment]
    content = await dep.call(**values)  # type: ignore[misc]
    if isinstance(content, Response):
        return content
    body_bytes = plan.render(content)
    status = (sub_response and sub_response.status_code) or plan.status_code or 200
    response = Response(content=body_bytes, media_type="application/json", status_code=status)
    if not is_body_allowed_for_status_code(status):
        response.body = b""
    if sub_response is not None:
        response.headers.raw.extend(sub_response.headers.raw)
    return response


class DirectRoute(APIRoute):
    """An APIRoute answered by its plan where the call is well formed (module docstring)."""

    plan: Plan | None
    answer: Handler  # the route's response to a request, for a caller outside FastAPI's request wrapper

    def get_route_handler(self) -> Handler:
        fallback = super().get_route_handler()
        self.plan = plan_of(self)

        async def fallback_in_stacks(request: Request) -> Response:
            """FastAPI's handler with the exit stacks its middleware and request wrapper give it (a planned route
            takes no file and no dependency with an exit step, so they close before the response is sent)."""
            async with AsyncExitStack() as files, AsyncExitStack() as inner, AsyncExitStack() as function:
                request.scope.update(fastapi_middleware_astack=files, fastapi_inner_astack=inner,
                                     fastapi_function_astack=function)
                return await fallback(request)

        self.answer = self._answering(fallback_in_stacks)
        return self._answering(fallback)

    def _answering(self, fallback: Handler) -> Handler:
        async def handler(request: Request) -> Response:
            plan = self.plan  # read on each call: a test sets it to None to compare with FastAPI's own answer
            return await (fallback(request) if plan is None else _answer(plan, request, fallback))

        return handler
