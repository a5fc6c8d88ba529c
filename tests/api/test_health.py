"""GET /healthz, the app factory and development keys from the environment."""

from __future__ import annotations

import hashlib

import httpx
import pytest

from api.app import create_app
from store.api_keys import ApiKey
from store.db import connected, connection_name
from store.errors import StoreUnavailable
from store.settings import SettingsError
from tests.conftest import SHIPPED_POLICY_VERSION


async def test_healthz_needs_no_key_and_names_the_policy_version(client: httpx.AsyncClient) -> None:
    response = await client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "policy_version": SHIPPED_POLICY_VERSION}


async def test_dev_keys_from_the_environment_work_and_are_stored_hashed(
        database_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XIAOPU_DEV_KEYS", "storefront:devkey-store-1,policy_admin:devkey-admin-2")
    app = create_app(database_url=database_url)
    async with app.router.lifespan_context(app), httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://xiaopu.test") as client:
        for key, role in (("devkey-store-1", "storefront"), ("devkey-admin-2", "policy_admin")):
            response = await client.get("/v1/whoami", headers={"Authorization": f"Bearer {key}"})
            assert response.json()["role"] == role
        rows = await ApiKey.all().values_list("key_hash", flat=True)
        assert sorted(rows) == sorted(hashlib.sha256(k.encode()).hexdigest() for k in ("devkey-store-1",
                                                                                         "devkey-admin-2"))
        assert (await client.get("/healthz")).json()["policy_version"] == SHIPPED_POLICY_VERSION


def test_dev_keys_with_an_unknown_role_stop_the_app_from_being_built(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XIAOPU_DEV_KEYS", "superuser:devkey1")
    with pytest.raises(SettingsError, match="superuser"):
        create_app(database_url="sqlite://:memory:")


async def test_without_migrations_the_app_refuses_to_start_and_creates_no_tables(empty_database_url: str) -> None:
    database_url = empty_database_url
    app = create_app(database_url=database_url, run_migrations=False)
    with pytest.raises(StoreUnavailable, match="not migrated"):
        async with app.router.lifespan_context(app):
            pass
    async with connected(database_url) as ctx:
        tables = await ctx.connections.get(connection_name(database_url)).execute_query_dict(
            "SELECT name FROM sqlite_master" if database_url.startswith("sqlite") else
            "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'")
    assert tables == []
