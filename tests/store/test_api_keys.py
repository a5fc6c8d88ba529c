"""API keys: issued once in plaintext, stored hashed, found only while active."""

from __future__ import annotations

import datetime as dt
import hashlib
import re

import pytest
from tortoise.context import TortoiseContext

from store import api_keys
from store.api_keys import ApiKey, Role, create_key, find_active, install_dev_key, list_keys, revoke
from store.errors import DuplicateRecord, RecordNotFound
from tests.conftest import TEST_SUPPLIER

NOW = dt.datetime(2026, 11, 24, 12, 0, tzinfo=dt.UTC)
KEY_FORMAT = re.compile(r"xpk_(?P<key_id>[0-9a-f]{12})_[A-Za-z0-9_-]{43}")


async def test_created_key_is_returned_once_and_stored_hashed(db: TortoiseContext) -> None:
    record, plaintext = await create_key("storefront", label="shop 1", party="shop-1")
    match = KEY_FORMAT.fullmatch(plaintext)
    assert match and match["key_id"] == record.key_id
    stored = await ApiKey.get(id=record.id)
    assert stored.key_hash == hashlib.sha256(plaintext.encode()).hexdigest()
    assert (stored.role, stored.label, stored.revoked_at, stored.expires_at) == (Role.STOREFRONT, "shop 1", None, None)
    row = await ApiKey.filter(id=record.id).values()
    assert plaintext not in {str(v) for v in row[0].values()}


async def test_keys_are_distinct(db: TortoiseContext) -> None:
    keys = [await create_key("reviewer", person=f"Reviewer {n} <r{n}@xiaopu.test>") for n in range(5)]
    assert len({plaintext for _, plaintext in keys}) == len({r.key_id for r, _ in keys}) == 5


async def test_find_active_finds_the_key_and_nothing_else(db: TortoiseContext) -> None:
    record, plaintext = await create_key("supplier", party=TEST_SUPPLIER)
    found = await find_active(plaintext, NOW)
    assert found is not None and found.id == record.id and found.role == Role.SUPPLIER
    for wrong in (plaintext + "x", plaintext[:-1], plaintext.upper(), "", "x" * 10_000):
        assert await find_active(wrong, NOW) is None


@pytest.mark.parametrize(("expires_in", "active"), [
    pytest.param(None, True, id="never-expires"),
    pytest.param(dt.timedelta(seconds=1), True, id="expires-later"),
    pytest.param(dt.timedelta(0), False, id="expires-exactly-now"),
    pytest.param(-dt.timedelta(days=1), False, id="expired"),
])
async def test_expiry(db: TortoiseContext, expires_in: dt.timedelta | None, active: bool) -> None:
    expires_at = NOW + expires_in if expires_in is not None else None
    _, plaintext = await create_key("storefront", party="shop-1", expires_at=expires_at)
    assert (await find_active(plaintext, NOW) is not None) is active


async def test_revoked_key_is_not_active_and_revoking_again_keeps_the_first_time(db: TortoiseContext) -> None:
    record, plaintext = await create_key("policy_admin", person="Wang Fang <wang.fang@xiaopu.test>")
    first = await revoke(record.key_id, now=NOW)
    assert first.revoked_at == NOW
    assert await find_active(plaintext, NOW - dt.timedelta(days=1)) is None
    again = await revoke(record.key_id, now=NOW + dt.timedelta(hours=1))
    assert again.revoked_at == NOW
    assert (await ApiKey.get(id=record.id)).revoked_at == NOW


async def test_revoking_an_unknown_key_is_record_not_found(db: TortoiseContext) -> None:
    with pytest.raises(RecordNotFound):
        await revoke("000000000000")


@pytest.mark.parametrize("channel", ["mall@cn", "shop:eu", "shop eu", "x" * 65])
async def test_a_channel_name_cannot_make_the_ids_it_scopes_ambiguous(db: TortoiseContext, channel: str) -> None:
    """A channel ends the ids scoped to it (D-1@<channel>): with '@' its cases could not be addressed (the supplier
    never answers them and its deposit pays), with ':' two channels' line keys collided (a 500)."""
    with pytest.raises(ValueError, match="storefront channel"):
        await create_key("storefront", party=channel)
    with pytest.raises(ValueError, match="storefront channel"):
        await install_dev_key("storefront", "xpk_dev_channel_name", party=channel)
    assert await ApiKey.all().count() == 0
    record, _ = await create_key("storefront", party="mall.cn-east_1")
    assert record.party == "mall.cn-east_1"


@pytest.mark.parametrize(("role", "expires_at"), [
    pytest.param("admin", None, id="unknown-role"),
    pytest.param("storefront", dt.datetime(2030, 1, 1), id="naive-expiry"),
    # storefronts issued keys without a channel would all speak for the default one, and reach each other's stores
    pytest.param("storefront", None, id="storefront-without-its-channel"),
])
async def test_invalid_key_requests_write_nothing(db: TortoiseContext, role: str,
                                                  expires_at: dt.datetime | None) -> None:
    with pytest.raises(ValueError):
        await create_key(role, expires_at=expires_at)
    assert await ApiKey.all().count() == 0


async def test_orm_errors_come_out_translated(db: TortoiseContext, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(api_keys, "new_plaintext_key", lambda: ("samekeyid000", "xpk_samekeyid000_secret"))
    await create_key("storefront", party="shop-1")
    with pytest.raises(DuplicateRecord):
        await create_key("storefront", party="shop-2")


async def test_list_keys_in_creation_order(db: TortoiseContext) -> None:
    made = [(await create_key(role, party=party, person=person))[0].key_id
            for role, party, person in (("storefront", "shop-1", None),
                                        ("reviewer", None, "Li Mei <li.mei@xiaopu.test>"),
                                        ("supplier", TEST_SUPPLIER, None))]
    assert [k.key_id for k in await list_keys()] == made


async def test_dev_keys_are_installed_once_hashed_and_follow_their_role(db: TortoiseContext) -> None:
    assert await install_dev_key("storefront", "devkey1") is True
    assert await install_dev_key("storefront", "devkey1") is False
    assert (await find_active("devkey1", NOW)).role == Role.STOREFRONT  # type: ignore[union-attr]
    assert await install_dev_key("policy_admin", "devkey1") is False
    assert (await find_active("devkey1", NOW)).role == Role.POLICY_ADMIN  # type: ignore[union-attr]
    assert await ApiKey.filter(key_hash=hashlib.sha256(b"devkey1").hexdigest()).count() == 1
