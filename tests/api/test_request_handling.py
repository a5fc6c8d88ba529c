"""Every request has an id (echoed in the header, problem bodies and log lines), one JSON access-log line that
never holds the key, and a body size limit (413 `body_too_large`) that holds with or without Content-Length."""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI

from api.app import create_app
from tests.conftest import MakeKey
from workflows.common.request_context import JsonLogFormatter

LIMIT = 2048


@pytest.mark.parametrize(("sent", "kept"), [
    pytest.param("req-42.a:b", True, id="sane"),
    pytest.param("x" * 65, False, id="too-long"),
    pytest.param("bad id\twith space", False, id="bad-characters"),
    pytest.param(None, False, id="absent"),
])
async def test_the_request_id_is_kept_when_sane_else_made(client: httpx.AsyncClient, sent: str | None,
                                                          kept: bool) -> None:
    response = await client.get("/v1/whoami", headers={"X-Request-ID": sent} if sent else {})
    assert response.status_code == 401
    rid = response.headers["x-request-id"]
    assert (rid == sent) is kept and 1 <= len(rid) <= 64
    assert response.json()["request_id"] == rid


async def test_each_request_gets_its_own_id(client: httpx.AsyncClient) -> None:
    ids = {(await client.get("/healthz")).headers["x-request-id"] for _ in range(3)}
    assert len(ids) == 3


async def test_one_json_access_line_per_request_without_the_key(client: httpx.AsyncClient, make_key: MakeKey,
                                                                caplog: pytest.LogCaptureFixture) -> None:
    key = await make_key("storefront", label="shop A")
    with caplog.at_level(logging.INFO, logger="xiaopu.access"):
        response = await client.get("/v1/sellers/S-NONE", headers={"Authorization": f"Bearer {key}",
                                                                   "X-Request-ID": "trace-1"})
    assert response.status_code == 404
    [record] = [r for r in caplog.records if r.name == "xiaopu.access"]
    line = json.loads(JsonLogFormatter().format(record))
    assert line["request_id"] == "trace-1" and line["level"] == "info"
    assert (line["method"], line["route"], line["path"], line["status"]) == (
        "GET", "/v1/sellers/{seller_id}", "/v1/sellers/S-NONE", 404)
    assert line["role"] == "storefront" and line["key_id"] == key.split("_")[1]
    assert isinstance(line["ms"], float) and line["ms"] >= 0
    assert key not in json.dumps(line) and key.split("_", 2)[2] not in json.dumps(line)


def test_log_lines_carry_extras_and_tracebacks_as_json() -> None:
    try:
        raise ValueError("boom")
    except ValueError:
        record = logging.getLogger("xiaopu.test").makeRecord("xiaopu.test", logging.ERROR, __file__, 1, "failed %s",
                                                             ("x",), exc_info=__import__("sys").exc_info(),
                                                             extra={"done": {"locked_lines": 2}})
    line = json.loads(JsonLogFormatter().format(record))
    assert line["message"] == "failed x" and line["done"] == {"locked_lines": 2}
    assert "ValueError: boom" in line["exception"]


@pytest.fixture
def app(database_url: str) -> FastAPI:
    return create_app(database_url=database_url, tick_seconds=0, max_body_bytes=LIMIT, run_migrations=False)


def body_too_large(response: httpx.Response) -> None:
    assert response.status_code == 413, response.text
    body = response.json()
    assert (body["code"], body["status"]) == ("body_too_large", 413)
    assert str(LIMIT) in body["detail"] and body["request_id"] == response.headers["x-request-id"]


async def test_a_body_over_the_limit_is_413_by_content_length(client: httpx.AsyncClient, make_key: MakeKey) -> None:
    key = await make_key("storefront")
    big = {"seller_id": "S-BIG", "padding": "x" * LIMIT}
    body_too_large(await client.post("/v1/sellers", json=big, headers={"Authorization": f"Bearer {key}"}))
    ok = await client.post("/v1/sellers", json={"seller_id": "S-SMALL"}, headers={"Authorization": f"Bearer {key}"})
    assert ok.status_code == 201


async def test_a_streamed_body_over_the_limit_is_413_and_changes_nothing(client: httpx.AsyncClient,
                                                                       make_key: MakeKey) -> None:
    key = await make_key("storefront")

    async def chunks() -> AsyncIterator[bytes]:
        yield b'{"seller_id": "S-STREAM", "x": "'
        for _ in range(10):
            yield b"y" * 512
        yield b'"}'

    response = await client.post("/v1/sellers", content=chunks(),
                                 headers={"Authorization": f"Bearer {key}", "Content-Type": "application/json"})
    assert "content-length" not in response.request.headers
    body_too_large(response)
    gone = await client.get("/v1/sellers/S-STREAM", headers={"Authorization": f"Bearer {key}"})
    assert gone.status_code == 404


async def test_a_page_form_over_the_limit_is_413(client: httpx.AsyncClient) -> None:
    async def chunks() -> AsyncIterator[bytes]:
        yield b"key=" + b"k" * (LIMIT + 1)

    response = await client.post("/review/sign-in", content=chunks(),
                                 headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert response.status_code == 413 and response.headers["content-type"].startswith("text/html")
    assert "body_too_large" in response.text and str(LIMIT) in response.text  # a page answers a page
