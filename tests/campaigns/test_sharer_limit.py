"""The per-sharer limit under the shipped terms (RMB 100 million pool, RMB 500.00 per sharer)."""

from __future__ import annotations

from typing import Any

import httpx

from tests.campaigns.helpers import CRATE, Sharing
from tests.commerce.helpers import ok


async def test_a_sharer_reaches_the_limit_exactly_then_earns_nothing(client: httpx.AsyncClient,
                                                                      make_key: Any) -> None:
    shop = Sharing(client, await make_key("storefront"))
    await shop.open_store("S-1")
    for share_list_id, consumer in (("L-1", "CONSUMER-1"), ("L-2", "CONSUMER-2")):
        await ok(await shop.share(share_list_id, consumer), 201)
    assert (await shop.reward("O-0"))["amount"] == "0.58"
    earned = [(await shop.reward(f"O-{n}", items=[CRATE]))["amount"] for n in range(1, 10)]
    assert earned == ["50.00"] * 9  # 450.58 so far
    short = await shop.reward("O-10", items=[CRATE])
    assert (short["state"], short["amount"], short["code"], short["rule"]) == (
        "reserved", "49.42", "per_user_limit_short", "per_user_allowance")
    refused = await shop.reward("O-11", items=[CRATE])
    assert (refused["state"], refused["amount"], refused["code"], refused["rule"]) == (
        "refused", "0.00", "per_user_limit_reached", "per_user_limit_reached")
    assert "at most RMB 500.00" in refused["reason"]
    other = await shop.reward("O-12", "L-2", items=[CRATE])  # another sharer has the whole allowance
    assert (other["state"], other["amount"]) == ("reserved", "50.00")
    view = await shop.campaign()
    assert (view["budget"], view["reserved"]) == ("100000000.00", "550.00")
    assert view["orders"] == {"reserved": 12, "committed": 0, "released": 0, "refused": 1}


async def test_another_channels_consumer_of_the_same_id_has_an_allowance_of_its_own(client: httpx.AsyncClient,
                                                                                     make_key: Any) -> None:
    """Consumer ids are each channel's own: channel B's "CONSUMER-1" had spent channel A's CONSUMER-1's RMB 500."""
    a = Sharing(client, await make_key("storefront", party="channel-A"))
    b = Sharing(client, await make_key("storefront", party="channel-B"))
    await a.open_store("S-1")
    await b.open_store("S-B")
    assert (await ok(await a.share("L-1", "CONSUMER-1"), 201))["consumer_id"] == "CONSUMER-1"  # its own id shown
    await ok(await b.share("L-B", "CONSUMER-1", seller_id="S-B"), 201)
    for n in range(10):  # channel B's orders through its own list: RMB 500.00, its consumer's whole allowance
        await ok(await b.buy(f"OB-{n}", "L-B", items=[CRATE], seller_id="S-B"), 201)
    refused = await b.reward("OB-10", "L-B", items=[CRATE], seller_id="S-B")
    assert (refused["state"], refused["amount"]) == ("refused", "0.00")
    mine = await a.reward("OA-1", "L-1", items=[CRATE])
    assert (mine["state"], mine["amount"], mine["sharer_id"]) == ("reserved", "50.00", "CONSUMER-1"), mine
