"""The supplier of the benchmarks' goods: every order line is a listed product, so a benchmark that sends orders
starts its server with the supplier's development keys too (`dev_keys`) and has the goods listed before the load
(`list_the_goods`), through the API, as the tests do (tests/listings.py)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import httpx

from tests.listings import SUPPLIER, SUPPLY_DEV_KEYS, Listings, list_goods, listed

__all__ = ["dev_keys", "list_the_goods", "listed"]


def dev_keys(*others: str) -> str:
    """XIAOPU_DEV_KEYS: the `role:key` entries given, and the keys that onboard the supplier and list its goods."""
    supply = [f"{role}@{SUPPLIER}:{key}" if role == "supplier" else f"{role}@Supply {role} <{role}@xiaopu.test>:{key}"
              for role, key in SUPPLY_DEV_KEYS.items()]
    return ",".join([*others, *supply])


async def list_the_goods(base_url: str, items: Iterable[Mapping[str, Any]]) -> None:
    """The supplier applies, is approved on its recorded deposit and lists the goods (each at its category's
    program rate)."""
    async with httpx.AsyncClient(base_url=base_url, timeout=60) as client:
        await list_goods(client, SUPPLY_DEV_KEYS, Listings(), items)
