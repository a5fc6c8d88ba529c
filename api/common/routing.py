"""The API's routers and how an app serves them.

FastAPI analyses a route's handler (its parameters, body and response models) when the route is defined. A
router *included* in an app is analysed once more for that app, on its first request: ~70 ms of CPU for this
API's routes. `serve_routes` puts the routes themselves on the app instead, analysed once per process however
many apps are built from them (a test builds one per test; the routes are the same objects in each).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fastapi import APIRouter, FastAPI, params
from fastapi.routing import APIRoute

from api.common.direct_route import DirectRoute
from api.common.errors import ERROR_RESPONSES


def operation_id(route: APIRoute) -> str:
    """Each operation is named by its handler (`create_quote`, `report_order`): what a generated client calls."""
    return route.name


def api_router(prefix: str = "", *, tags: list[str], dependencies: Sequence[params.Depends] | None = None,
               responses: dict[int | str, dict[str, Any]] | None = None) -> APIRouter:
    """A router of the JSON API: its operations named by their handlers, the problem responses declared on each
    (`responses` replaces them, for the few routes that need no key)."""
    return APIRouter(prefix=prefix, tags=list(tags), dependencies=dependencies,
                     responses=ERROR_RESPONSES if responses is None else responses,
                     generate_unique_id_function=operation_id, route_class=DirectRoute)


def serve_routes(app: FastAPI, router: APIRouter) -> None:
    """The router's routes, as defined, served by `app` (in place of `app.include_router(router)`, which would
    analyse every handler again for this app). The router's prefix, tags, dependencies and responses are part of
    each route already; `app.dependency_overrides` does not reach them (nothing here uses it)."""
    app.router.routes.extend(router.routes)
