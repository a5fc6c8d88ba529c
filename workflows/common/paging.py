"""Keyset pages: each list of the API pages by one key of its rows, `after` in (the last key the caller saw),
`next` out (the key to ask after for the following page; null once there is nothing more)."""

from __future__ import annotations

from typing import Any, TypeVar

from tortoise.models import Model
from tortoise.queryset import QuerySet

M = TypeVar("M", bound=Model)


async def page_after(query: QuerySet[M], key: str, after: Any, limit: int) -> tuple[list[M], Any]:
    """Up to `limit` rows of `query` in `key` order whose key comes after `after` (None: from the first), and the
    cursor of the next page: the last row's key when the page is full, else None."""
    if after is not None:
        query = query.filter(**{f"{key}__gt": after})
    page = await query.order_by(key).limit(limit) if limit else []
    return page, getattr(page[-1], key) if page and len(page) == limit else None


async def page_before(query: QuerySet[M], key: str, before: Any, limit: int) -> tuple[list[M], Any]:
    """Up to `limit` rows of `query`, newest (highest `key`) first, whose key comes before `before` (None: from the
    newest), and the cursor of the older page: the last row's key when older rows remain, else None."""
    if before is not None:
        query = query.filter(**{f"{key}__lt": before})
    rows = await query.order_by(f"-{key}").limit(limit + 1)
    return rows[:limit], getattr(rows[limit - 1], key) if len(rows) > limit else None
