"""Shopkeepers and their shelves."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tortoise.exceptions import IntegrityError

from engine import PolicyEvaluator
from engine.fields import format_yuan, iso_utc
from store import clock
from store.api_keys import DEFAULT_CHANNEL
from store.sellers import Seller, ShelfItem
from workflows.common.audit_context import action_transaction
from workflows.common.decisions import record_decision
from workflows.common.errors import Conflict, InvalidInput, NotFound
from workflows.sellers.tiers import tier_standing
from workflows.suppliers.listings import listed_product, require_listed_terms


async def create_seller(seller_id: str, channel: str = DEFAULT_CHANNEL) -> tuple[bool, Seller]:
    """Open a store on trial for a storefront channel; the same id again from that channel returns the existing
    seller. A store id another channel holds is refused (409) without saying whose it is."""
    try:
        async with action_transaction() as conn:
            return True, await Seller.create(seller_id=seller_id, channel=channel, created_at=clock.now(),
                                             using_db=conn)
    except IntegrityError:
        seller = await Seller.get(seller_id=seller_id)
        if seller.channel != channel:
            raise Conflict(f"the store id {seller_id!r} is taken; choose another", code="seller_id_taken") from None
        return False, seller


async def get_seller(seller_id: str) -> Seller:
    seller = await Seller.get_or_none(seller_id=seller_id)
    if seller is None:
        raise NotFound(f"no seller {seller_id!r}", code="seller_not_found")
    return seller


async def seller_view(evaluator: PolicyEvaluator, seller_id: str, as_of: dt.datetime) -> dict[str, Any]:
    seller = await get_seller(seller_id)
    standing = await tier_standing(evaluator, seller, as_of)
    return {
        "seller_id": seller.seller_id, "opened_at": iso_utc(seller.created_at), "tier": seller.tier,
        "shelf_limit": standing.shelf_limit,
        "shelf_count": await ShelfItem.filter(seller_id=seller_id).count(),
        "qualifying_transactions": seller.qualifying_transactions, "next_tier": standing.next_tier,
        "policy_version": standing.decision.version,
        "rules": standing.decision.fired_ids,
    }


async def shelve(evaluator: PolicyEvaluator, seller_id: str, sku: str, category: str, price_fen: int,
                 supplier_id: str | None, as_of: dt.datetime) -> tuple[bool, dict[str, Any]]:
    """Put a product on the shelf if the tier allows one more; (created, item view)."""
    if supplier_id is not None:  # a supplier's product is shelved on its listing's terms
        require_listed_terms(await listed_product(supplier_id, sku), category, price_fen, "")
    if category not in evaluator.policy_set.taxonomy.categories:
        raise InvalidInput(f"{category!r} is not a category of the taxonomy", code="unknown_category",
                           errors=[{"field": "category", "message": "not a category of the taxonomy"}])
    async with action_transaction() as conn:
        seller = await Seller.filter(seller_id=seller_id).using_db(conn).select_for_update().first()
        if seller is None:
            raise NotFound(f"no seller {seller_id!r}", code="seller_not_found")
        existing = await ShelfItem.get_or_none(seller_id=seller_id, sku=sku, using_db=conn)
        if existing is not None:
            return False, await _reshelve(existing, category, price_fen, supplier_id, conn)
        count = await ShelfItem.filter(seller_id=seller_id).using_db(conn).count()
        standing = await tier_standing(evaluator, seller, as_of, conn)
        decision = evaluator.evaluate("shelf_admission", {"shelf_count": count, "shelf_limit": standing.shelf_limit},
                                      as_of=as_of)
        if not decision.outputs["passed"]:
            failed = [r.rule_id for r in decision.not_fired]
            raise Conflict(f"the {seller.tier} tier allows {standing.shelf_limit} products on the shelf and "
                           f"{count} are there", code="shelf_limit_reached", rule_id=failed[0],
                           rules=[*standing.decision.fired_ids, *failed], shelf_limit=standing.shelf_limit,
                           policy_version=decision.version)
        record = await record_decision(decision, f"shelf:{seller_id}/{sku}", conn)
        item = await ShelfItem.create(seller=seller, sku=sku, category=category, price_fen=price_fen,
                                      supplier_id=supplier_id, decision_id=record.id, using_db=conn)
        return True, {**_item_view(item), "changed": []}


async def _reshelve(item: ShelfItem, category: str, price_fen: int, supplier_id: str | None,
                    conn: Any) -> dict[str, Any]:
    """The same SKU again: the seller may change its price (and is told so); other goods under the same SKU
    (another supplier or category) are refused, naming the difference."""
    pairs = (("supplier", item.supplier_id, supplier_id), ("category", item.category, category))
    differs = [f"{name} {old or 'none'} (asked {new or 'none'})" for name, old, new in pairs if old != new]
    if differs:
        raise Conflict(f"{item.sku} is on the shelf with {' and '.join(differs)}; take it off the shelf first to "
                       "shelve other goods under this SKU", code="shelf_item_differs",
                       shelved={"supplier_id": item.supplier_id, "category": item.category})
    changed: list[dict[str, str]] = []
    if item.price_fen != price_fen:
        changed.append({"field": "price", "from": format_yuan(item.price_fen), "to": format_yuan(price_fen)})
        item.price_fen = price_fen
        await item.save(using_db=conn, update_fields=["price_fen"])
    return {**_item_view(item), "changed": changed}


async def unshelve(seller_id: str, sku: str) -> None:
    await get_seller(seller_id)
    deleted = await ShelfItem.filter(seller_id=seller_id, sku=sku).delete()
    if not deleted:
        raise NotFound(f"{sku!r} is not on {seller_id}'s shelf", code="shelf_item_not_found")


def _item_view(item: ShelfItem) -> dict[str, Any]:
    return {"sku": item.sku, "category": item.category, "price": format_yuan(item.price_fen),
            "supplier_id": item.supplier_id, "decision_id": str(item.decision_id) if item.decision_id else None}
