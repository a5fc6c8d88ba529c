"""GET /v1/policy-format/schema: the JSON Schema of policy files, for editors (which send no key)."""

from __future__ import annotations

import json

import httpx

from engine.format_schema import SCHEMA_FILE


async def test_the_schema_is_served_without_a_key(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/policy-format/schema")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")
    assert response.json() == json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert response.json()["$schema"] == "https://json-schema.org/draft/2020-12/schema"
