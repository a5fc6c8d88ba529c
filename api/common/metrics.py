"""GET /metrics (policy_admin): Prometheus text format.

Request latency by route template, decisions by policy and rule (workflows/common/metrics.py), and, read from the
database at scrape time, ledger totals by state and the deadlines that are due. With several uvicorn workers
set PROMETHEUS_MULTIPROC_DIR (an empty folder, wiped before start-up) in the environment of the process that
starts them: every worker then writes its counters there and any worker's scrape adds them all up.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from fastapi import Request
from fastapi.responses import Response
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.metrics_core import Metric
from prometheus_client.multiprocess import MultiProcessCollector

from api.common.auth import require_role
from api.common.routing import api_router
from workflows.common.metrics import database_gauges

REQUEST_SECONDS = Histogram("xiaopu_request_duration_seconds", "HTTP request latency by route template",
                            ("method", "route", "status"),
                            buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10))

router = api_router(tags=["operations"])


# A label takes a fixed set of values: a client sending `FOOBAR /x` a million times must not make a million series.
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
REFUSED = Counter("xiaopu_unauthenticated_requests", "Requests refused for want of a valid key (not audited)",
                  ["method"])


def method_label(method: str) -> str:
    return method if method in METHODS else "other"


_request_series: dict[tuple[str, str, int], Any] = {}


def observe_request(method: str, route: str, status: int, seconds: float) -> None:
    """Into the latency histogram; each series looked up once (`labels` takes a lock and builds a key on every
    call). Bounded as the labels are: methods, route templates and statuses."""
    key = (method_label(method), route, status)
    series = _request_series.get(key)
    if series is None:
        series = _request_series[key] = REQUEST_SECONDS.labels(method=key[0], route=route,
                                                               status=str(status))
    series.observe(seconds)


def count_unauthenticated(method: str) -> None:
    REFUSED.labels(method=method_label(method)).inc()


class _Snapshot:
    """A collector that yields metric families computed beforehand (the database gauges of one scrape)."""

    def __init__(self, families: Iterable[Metric]) -> None:
        self.families = list(families)

    def collect(self) -> Iterable[Metric]:
        return self.families


def process_metrics(multiprocess: bool) -> bytes:
    """This process's metrics, or every worker's added up in multiprocess mode."""
    if multiprocess:
        registry = CollectorRegistry()
        MultiProcessCollector(registry)  # type: ignore[no-untyped-call]  # prometheus_client is untyped here
        return generate_latest(registry)
    return generate_latest(REGISTRY)


@router.get("/metrics", dependencies=[require_role("policy_admin")], response_class=Response,
            responses={200: {"description": "Prometheus text exposition format",
                             "content": {"text/plain": {"schema": {"type": "string"}}}}})
async def metrics(request: Request) -> Response:
    snapshot = CollectorRegistry(auto_describe=False)
    snapshot.register(_Snapshot(await database_gauges(dt.datetime.now(dt.UTC))))
    multiprocess = bool(request.app.state.settings.metrics_dir)
    return Response(process_metrics(multiprocess) + generate_latest(snapshot), media_type=CONTENT_TYPE_LATEST)
