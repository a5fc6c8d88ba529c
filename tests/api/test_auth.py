"""Bearer keys: 401 without a usable key, 403 in the wrong role, the principal otherwise."""

from __future__ import annotations

import datetime as dt
from typing import Any

import httpx
import pytest

from api.common.auth import require_role
from store import clock, key_cache
from store.api_keys import create_key, revoke
from tests.conftest import TEST_SUPPLIER, MakeKey

ROLES = ("storefront", "supplier", "reviewer", "policy_admin")


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def assert_unauthenticated(response: httpx.Response) -> None:
    assert response.status_code == 401, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["www-authenticate"].startswith("Bearer ")
    assert response.json()["code"] == "unauthenticated"


@pytest.mark.parametrize("headers", [
    pytest.param({}, id="no-header"),
    pytest.param({"Authorization": "Bearer"}, id="bearer-without-key"),
    pytest.param({"Authorization": "Basic dXNlcjpwYXNz"}, id="basic-scheme"),
    pytest.param(bearer("xpk_000000000000_unknown"), id="unknown-key"),
])
async def test_no_usable_key_is_401(client: httpx.AsyncClient, make_key: MakeKey, headers: dict[str, str]) -> None:
    await make_key("policy_admin")  # a key exists, just not this one
    assert_unauthenticated(await client.get("/v1/whoami", headers=headers))


async def test_revoked_key_is_401(client: httpx.AsyncClient) -> None:
    record, key = await create_key("storefront", party="default")
    assert (await client.get("/v1/whoami", headers=bearer(key))).status_code == 200
    await revoke(record.key_id)
    response = await client.get("/v1/whoami", headers=bearer(key))
    assert_unauthenticated(response)
    assert 'error="invalid_token"' in response.headers["www-authenticate"]


async def test_a_key_revoked_while_it_is_looked_up_is_not_kept(client: httpx.AsyncClient,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """The request that read the key before the revocation is answered; the next one is refused at once, not
    served from what that lookup read until the next poll."""
    record, key = await create_key("storefront", party="default")
    key_cache.forget()
    looked_up = key_cache.find_active

    async def revoked_meanwhile(plaintext: str, now: dt.datetime) -> Any:
        found = await looked_up(plaintext, now)
        await revoke(record.key_id)  # lands while the lookup is on its way back
        return found

    monkeypatch.setattr(key_cache, "find_active", revoked_meanwhile)
    assert (await client.get("/v1/whoami", headers=bearer(key))).status_code == 200
    monkeypatch.setattr(key_cache, "find_active", looked_up)
    assert_unauthenticated(await client.get("/v1/whoami", headers=bearer(key)))


@pytest.mark.parametrize(("expires_in", "status"), [
    pytest.param(dt.timedelta(hours=1), 200, id="not-yet-expired"),
    pytest.param(-dt.timedelta(seconds=1), 401, id="expired"),
])
async def test_expiry(client: httpx.AsyncClient, make_key: MakeKey, expires_in: dt.timedelta, status: int) -> None:
    key = await make_key("storefront", expires_at=clock.now() + expires_in)
    assert (await client.get("/v1/whoami", headers=bearer(key))).status_code == status


@pytest.mark.parametrize("role", [pytest.param(r, id=r) for r in ROLES])
async def test_whoami_names_the_key_and_its_role(client: httpx.AsyncClient, role: str) -> None:
    party = {"supplier": TEST_SUPPLIER, "storefront": "shop-1"}.get(role)
    person = f"Li Mei <{role}@xiaopu.test>" if role in ("reviewer", "policy_admin") else None
    record, key = await create_key(role, party=party, person=person)
    response = await client.get("/v1/whoami", headers=bearer(key))
    assert response.status_code == 200
    assert response.json() == {"key_id": record.key_id, "role": role, "party": record.party, "person": record.person}
    assert (record.party or record.person) is not None  # every key speaks for someone


@pytest.mark.parametrize(("path", "allowed"), [
    pytest.param("/_probe/admin-only", {"policy_admin"}, id="annotated-one-role"),
    pytest.param("/_probe/reviewers-and-suppliers", {"reviewer", "supplier"}, id="route-dependency-two-roles"),
])
async def test_roles_outside_the_list_are_403(client: httpx.AsyncClient, make_key: MakeKey, path: str,
                                              allowed: set[str]) -> None:
    assert_unauthenticated(await client.get(path))
    for role in ROLES:
        response = await client.get(path, headers=bearer(await make_key(role)))
        if role in allowed:
            assert response.status_code == 200, (role, response.text)
        else:
            assert response.status_code == 403, (role, response.text)
            body = response.json()
            assert body["code"] == "forbidden" and role in body["detail"]
            assert body["required_roles"] == sorted(allowed)


async def test_annotated_dependency_hands_the_principal_to_the_route(client: httpx.AsyncClient) -> None:
    record, key = await create_key("policy_admin", person="Wang Fang <wang.fang@xiaopu.test>")
    assert (await client.get("/_probe/admin-only", headers=bearer(key))).json() == {"key_id": record.key_id}


@pytest.mark.parametrize("roles", [pytest.param(("admin",), id="typo"), pytest.param((), id="none")])
def test_require_role_refuses_unknown_roles_when_the_route_is_defined(roles: tuple[str, ...]) -> None:
    with pytest.raises(ValueError):
        require_role(*roles)
