"""A minimal HTTP/1.1 keep-alive load generator on raw asyncio streams (an httpx client, at ~500
requests/s on this machine, would measure itself rather than the server)."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

RequestMaker = Callable[[int], tuple[str, str, Any]]  # i -> (method, path, json body)


@dataclass
class LoadResult:
    latencies_ms: list[float] = field(default_factory=list)
    failures: int = 0
    statuses: dict[int, int] = field(default_factory=dict)


def encode(method: str, path: str, body: Any, headers: dict[str, str]) -> bytes:
    payload = json.dumps(body).encode() if body is not None else b""
    head = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", "Connection: keep-alive",
            f"Content-Length: {len(payload)}", "Content-Type: application/json",
            *(f"{k}: {v}" for k, v in headers.items())]
    return ("\r\n".join(head) + "\r\n\r\n").encode() + payload


async def read_reply(reader: asyncio.StreamReader) -> tuple[int, bytes]:
    """(status, body) of one response with a Content-Length."""
    status_line = await reader.readline()
    status = int(status_line.split()[1])
    length = 0
    while (line := await reader.readline()) not in (b"\r\n", b""):
        name, _, value = line.decode().partition(":")
        if name.lower() == "content-length":
            length = int(value)
    return status, await reader.readexactly(length)


async def read_response(reader: asyncio.StreamReader) -> int:
    return (await read_reply(reader))[0]


async def run_load(port: int, make: RequestMaker, headers: dict[str, str], seconds: float,
                   connections: int) -> LoadResult:
    result = LoadResult()
    counter = iter(range(10**9))
    deadline = time.perf_counter() + seconds

    async def connection() -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            first = True  # at least one request each, however short the run (the benchmarks' smoke mode)
            while first or time.perf_counter() < deadline:
                first = False
                method, path, body = make(next(counter))
                t0 = time.perf_counter()
                writer.write(encode(method, path, body, headers))
                status = await read_response(reader)
                result.statuses[status] = result.statuses.get(status, 0) + 1
                if status >= 400:
                    result.failures += 1
                else:
                    result.latencies_ms.append((time.perf_counter() - t0) * 1000)
        finally:
            writer.close()

    await asyncio.gather(*(connection() for _ in range(connections)))
    return result
