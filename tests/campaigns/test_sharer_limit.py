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
