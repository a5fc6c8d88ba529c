"""Every error leaves the API as RFC 9457 problem details (`application/problem+json`).

Raise an `ApiError` (or a per-domain subclass) anywhere below a route; request validation failures,
unknown routes and unexpected exceptions are turned into the same shape here.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from problems import XiaopuError
from workflows.common.request_context import current_request_id

PROBLEM_JSON = "application/problem+json"
PROBLEM_REF = "#/components/schemas/Problem"
log = logging.getLogger("xiaopu.api")


class ApiError(XiaopuError):
    """An error of the HTTP layer itself (authentication, authorization): `code` is stable for machines,
    `detail` is for people."""

    status: int = 400
    code: str = "bad_request"
    title: str | None = "Bad request"

    def __init__(self, detail: str, *, code: str | None = None, status: int | None = None, title: str | None = None,
                 extra: dict[str, Any] | None = None, headers: dict[str, str] | None = None) -> None:
        super().__init__(detail, code=code, status=status, title=title, headers=headers, **(extra or {}))
        self.detail = detail


class FieldProblem(BaseModel):
    field: str = Field(description="where the problem is: `body.items.0.price`, `query.limit`")
    code: str
    message: str


class Problem(BaseModel):
    """RFC 9457 problem details; some problems add members, e.g. `errors` for invalid input."""

    type: str
    title: str
    status: int
    detail: str
    code: str
    errors: list[FieldProblem] | None = None
    request_id: str | None = Field(default=None, description="the request's id, as in the X-Request-ID header")


def problem_doc(description: str) -> dict[str, Any]:
    """An OpenAPI `responses` entry for a problem, e.g. `{404: problem_doc("No such order")}`."""
    return {"description": description, "content": {PROBLEM_JSON: {"schema": {"$ref": PROBLEM_REF}}}}


# Declared on every router of the API (api/common/routing.py `api_router`).
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: problem_doc("No API key, or an unknown, revoked or expired one"),
    403: problem_doc("The API key's role may not do this"),
    404: problem_doc("No such object (or not one this key may see)"),
    413: problem_doc("The request body is larger than the service accepts"),
    422: problem_doc("The request is invalid; `errors` names each field"),
    500: problem_doc("Unexpected error; the body never carries internal details"),
}


def problem_response(status: int, code: str, title: str, detail: str, *, extra: dict[str, Any] | None = None,
                     headers: dict[str, str] | None = None) -> JSONResponse:
    body = {"type": f"urn:xiaopu:problem:{code}", "title": title, "status": status, "detail": detail, "code": code,
            **(extra or {})}
    if request_id := current_request_id.get():
        body["request_id"] = request_id
    return JSONResponse(body, status_code=status, headers=headers, media_type=PROBLEM_JSON)


async def _product_error(request: Request, exc: Exception) -> JSONResponse:
    """The one handler of every error the product raises on purpose, whatever its layer."""
    assert isinstance(exc, XiaopuError)
    return product_problem(exc)


def product_problem(exc: XiaopuError) -> JSONResponse:
    """The problem response of one of our errors."""
    extra = {name: value for name, value in exc.extra.items() if name != "errors"}
    if errors := exc.field_errors():
        if not isinstance(exc, ApiError):  # fields below the API are named relative to the request body
            errors = [{**e, "field": f"body.{e['field']}"} for e in errors]
        extra["errors"] = errors
    title = exc.title or HTTPStatus(exc.status).phrase
    return problem_response(exc.status, exc.code, title, exc.message, extra=extra, headers=exc.headers)


def _field_name(loc: tuple[Any, ...] | list[Any], error_type: str) -> str:
    if error_type == "json_invalid":  # loc is ("body", <character offset>)
        return "body"
    return ".".join(str(part) for part in loc)


async def _invalid_input(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [{"field": _field_name(e.get("loc", ()), e.get("type", "")), "code": e.get("type", "invalid"),
               "message": e.get("msg", "invalid value")} for e in exc.errors()]
    fields = sorted({e["field"] for e in errors})
    detail = f"The request has {len(fields)} invalid field{'s' if len(fields) != 1 else ''}: {', '.join(fields)}."
    return problem_response(422, "invalid_input", "Invalid input", detail, extra={"errors": errors})


HTTP_CODES = {404: "not_found", 405: "method_not_allowed", 413: "body_too_large"}


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    phrase = HTTPStatus(exc.status_code).phrase
    detail = exc.detail if isinstance(exc.detail, str) and exc.detail != phrase else f"{phrase}: {request.url.path}"
    code = getattr(exc, "problem_code", None) or HTTP_CODES.get(exc.status_code, "http_error")
    return problem_response(exc.status_code, code, phrase, detail, headers=dict(exc.headers or {}))


class UnhandledErrorMiddleware:
    """Answers any escaped exception with a bare 500 problem and logs it with its traceback."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception:
            log_unhandled(scope)
            if started:  # too late for a problem response; let the server close the connection
                raise
            await unhandled_problem()(scope, receive, send)


def log_unhandled(scope: Scope) -> None:
    """The exception being handled, logged with its traceback (an answer never carries it)."""
    log.exception("unhandled error in %s %s", scope.get("method"), scope.get("path"))


def unhandled_problem() -> JSONResponse:
    return problem_response(500, "internal_error", "Internal server error",
                            "The server met an unexpected error; it has been logged.")


def _add_problem_schemas(app: FastAPI) -> None:
    """Put `Problem` in the OpenAPI components that `problem_doc` entries refer to."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = build()
            problem = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
            nested = problem.pop("$defs", {})
            schema.setdefault("components", {}).setdefault("schemas", {}).update({**nested, "Problem": problem})
            for ops in schema.get("paths", {}).values():  # a write can conflict with what is stored
                for method, op in ops.items():
                    if method in ("post", "put", "patch", "delete") and "401" in op.get("responses", {}):
                        op["responses"].setdefault("409", problem_doc("Conflicts with what is stored: a replayed "
                                                                      "id with another body, an illegal step"))
                        op["responses"].setdefault("503", problem_doc("The database is busy; nothing was "
                                                                      "changed; send the same request again"))
        return app.openapi_schema or {}

    app.openapi = openapi  # type: ignore[method-assign]


def install_error_handlers(app: FastAPI) -> None:
    _add_problem_schemas(app)
    app.add_exception_handler(XiaopuError, _product_error)
    app.add_exception_handler(RequestValidationError, _invalid_input)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_middleware(UnhandledErrorMiddleware)
