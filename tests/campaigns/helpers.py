"""A storefront driving share-to-earn, and campaign terms with a small pool for the tests that spend it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx

from tests.clock import advance_to
from tests.commerce.helpers import Storefront, listed_goods, ok
from tests.policy_versions.helpers import edited_files, write_files

CAMPAIGN = "share_to_earn_1212"
DEC_8 = "2026-12-08T10:00:00+08:00"
APPLES = {"sku": "APPLE-5KG", "category": "fresh_fruit", "price": "28.90", "quantity": 1}  # earns 0.58
CRATE = {"sku": "APPLE-CRATE", "category": "fresh_fruit", "price": "28.90", "quantity": 100}  # 57.80, capped 50.00
LIPSTICK = {"sku": "LIPSTICK", "category": "cosmetics", "price": "99.00", "quantity": 1}  # fixed 5.00
PHONE = {"sku": "PHONE", "category": "electronics", "price": "999.00", "quantity": 1}  # outside the campaign
LIST_SKUS = ["APPLE-5KG", "APPLE-CRATE", "LIPSTICK", "PHONE"]


def pool_files(cap: str) -> dict[str, str]:
    """The shipped policy set's files with the 12.12 pool set to `cap` yuan (its example follows)."""
    # the terms' rule and its example both say `budget_cap: "100000000.00"` on a line of its own
    return edited_files({'budget_cap: "100000000.00"\n': f'budget_cap: "{cap}"\n'}, rule_file="rules/campaigns.yaml")


def moved_window_files(window_end: str, window_end_utc: str, cap: str = "100.00") -> dict[str, str]:
    """`pool_files(cap)` with only the end of the 12.12 window moved, where the terms state it (campaign_terms'
    rule and its example); share_to_earn_reward is not touched."""
    files = pool_files(cap)
    text = files["rules/campaigns.yaml"]
    for old, new in {"window_end: 2026-12-13T00:00:00+08:00\n          budget_cap:":
                         f"window_end: {window_end}\n          budget_cap:",
                     'window_end: "2026-12-12T16:00:00Z"': f'window_end: "{window_end_utc}"'}.items():
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    files["rules/campaigns.yaml"] = text
    return files


def small_pool_policies(folder: Path, cap: str = "100.00") -> Path:
    """A policy folder whose 12.12 pool is `cap` yuan."""
    return write_files(folder, pool_files(cap))


class Sharing(Storefront):
    """The storefront of store S-1, where consumers share lists and friends buy through them."""

    async def share(self, share_list_id: str, consumer_id: str, seller_id: str = "S-1",
                    skus: list[str] | None = None) -> httpx.Response:
        body = {"share_list_id": share_list_id, "consumer_id": consumer_id, "seller_id": seller_id,
                "skus": skus or LIST_SKUS}
        return await self.client.post("/v1/share-lists", json=body, headers=self.headers)

    async def buy(self, order_id: str, share_list_id: str | None, buyer_id: str = "FRIEND",
                  items: list[dict[str, Any]] | None = None, paid_at: str = DEC_8, seller_id: str = "S-1"
                  ) -> httpx.Response:
        body: dict[str, Any] = {"seller_id": seller_id, "buyer_id": buyer_id, "paid_at": paid_at,
                                "items": await listed_goods(self.client, items or [APPLES])}
        if share_list_id is not None:
            body["share_list_id"] = share_list_id
        advance_to(paid_at)
        return await self.client.put(f"/v1/orders/{order_id}", json=body, headers=self.headers)

    async def reward(self, order_id: str, share_list_id: str | None = "L-1", **kw: Any) -> dict[str, Any]:
        """Buy and return the order's campaign reward."""
        order = await ok(await self.buy(order_id, share_list_id, **kw), 201)
        reward: dict[str, Any] = order["campaign_reward"]
        return reward

    async def campaign(self) -> dict[str, Any]:
        body: dict[str, Any] = await ok(await self.client.get(f"/v1/campaigns/{CAMPAIGN}", headers=self.headers))
        return body
