"""Keyset pages (workflows/common/paging.py): every row once, in key order, `next` null only on the last page."""

from __future__ import annotations

from tortoise.context import TortoiseContext

from store.sellers import Seller
from workflows.common.paging import page_after


async def test_pages_follow_the_key_and_end_with_no_next(db: TortoiseContext) -> None:
    for n in (3, 1, 5, 2, 4):
        await Seller.create(seller_id=f"S-{n}")
    seen, after, pages = [], None, 0
    while True:
        page, after = await page_after(Seller.all(), "seller_id", after, 2)
        seen += [s.seller_id for s in page]
        pages += 1
        if after is None:
            break
    assert seen == ["S-1", "S-2", "S-3", "S-4", "S-5"] and pages == 3
    full, following = await page_after(Seller.filter(seller_id__lte="S-4"), "seller_id", "S-2", 2)
    assert [s.seller_id for s in full] == ["S-3", "S-4"] and following == "S-4"  # a full last page: one more ask
    assert await page_after(Seller.all(), "seller_id", "S-4", 2) == ([await Seller.get(seller_id="S-5")], None)
    assert await page_after(Seller.all(), "seller_id", None, 0) == ([], None)
