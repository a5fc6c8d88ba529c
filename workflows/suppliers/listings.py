"""The listing gate: a supplier's product is listed only while the parity rules hold, and only listed
products of a supplier in good standing can be shelved or quoted."""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeVar

from tortoise.exceptions import IntegrityError

from engine import PolicyEvaluator
from engine.fields import format_percent, format_yuan, iso_utc, to_utc_datetime
from store import clock
from store.listing_reads import ListingTerms, SupplierStanding, listing_terms
from store.suppliers import Product, Supplier
from workflows.common.audit_context import action_transaction
from workflows.common.decisions import record_decision
from workflows.common.errors import Conflict, InvalidInput, NotFound
from workflows.common.timeline import claimed_time

# Parity references: kind -> the listing_parity input it feeds.
S = TypeVar("S", Supplier, SupplierStanding)
REFERENCE_INPUTS = {"taoke_commission": "taoke_commission_rate_bp", "other_platform_price": "lowest_other_price"}


async def _visible_supplier(supplier_id: str) -> Supplier:
    return _visible(supplier_id, await Supplier.get_or_none(supplier_id=supplier_id))


def _visible(supplier_id: str, supplier: S | None) -> S:
    """The supplier, 404 when there is none, 409 when its listings are hidden."""
    if supplier is None:
        raise NotFound(f"no supplier {supplier_id!r}", code="supplier_not_found")
    if not supplier.listings_visible:
        state = supplier.deposit_standing if supplier.status == "active" else supplier.status
        raise Conflict(f"supplier {supplier_id} is {state}: its listings are hidden", code="supplier_restricted")
    return supplier


def _snapshots_in_order(recorded: dict[str, dict[str, Any]], given: dict[str, dict[str, Any]], field: str
                        ) -> dict[str, dict[str, Any]]:
    """The snapshots given, as they are recorded. Each was observed no later than the platform's clock allows (422
    `time_in_future`), and no earlier than the one of its kind on record: an older observation does not replace a
    newer one (409 `snapshot_older_than_recorded`), so a breach the platform saw is not cured by re-sending last
    month's price. One claimed ahead of the platform's clock (within the skew its callers' clocks may drift) is
    recorded as observed now: nothing was observed after it arrived, and recorded ahead it refused every snapshot
    until the clock caught up, the platform's own breach included (a supplier re-sending one every few minutes
    kept the platform's from ever being recorded)."""
    now, kept = clock.now(), {}
    for kind, ref in given.items():
        observed = to_utc_datetime(ref["observed_at"])
        claimed_time(f"{field}{kind}.observed_at", observed)
        held = recorded.get(kind)
        if held is not None and to_utc_datetime(held["observed_at"]) > observed:
            raise Conflict(f"the {kind} snapshot observed {ref['observed_at']} is older than the one on record "
                           f"({held['observed_at']}); send a newer observation", code="snapshot_older_than_recorded")
        kept[kind] = {**ref, "observed_at": iso_utc(now)} if observed > now else ref
    return kept


def _parity_facts(product: Product) -> dict[str, Any]:
    facts: dict[str, Any] = {"price": product.price_fen, "commission_rate_bp": product.commission_rate_bp}
    for kind, ref in product.references.items():
        facts[REFERENCE_INPUTS[kind]] = ref["value"]
    return facts


async def judge_listing(evaluator: PolicyEvaluator, product: Product, as_of: dt.datetime, conn: Any) -> None:
    """Judge parity at `as_of` and record the decision: listed, or suspended (refused, if never listed). A listing
    naming no rate of its own is judged at the program's rate in force at `as_of`, which its lines earn."""
    if product.program_rate:
        product.commission_rate_bp = program_rate_bp(evaluator, product.category, product.price_fen, as_of)
    decision = evaluator.evaluate("listing_parity", _parity_facts(product), as_of=as_of)
    subject = f"product:{product.supplier_id}/{product.sku}"  # type: ignore[attr-defined]
    record = await record_decision(decision, subject, conn)
    failed = [r.rule_id for r in decision.not_fired]
    if decision.outputs["passed"]:
        product.status = "listed"
    else:
        product.status = "suspended" if product.status in ("listed", "suspended") else "refused"
    product.failed_rules, product.decision_id = failed, record.id


def program_rate_bp(evaluator: PolicyEvaluator, category: str, price_fen: int, as_of: dt.datetime) -> int:
    """The program's commission rate for `category` at `as_of` (the `commission` policy, no rate of the supplier's)."""
    decision = evaluator.evaluate("commission", {"category": category, "price": price_fen, "quantity": 1}, as_of=as_of)
    return int(decision.outputs["rate_bp"])


async def list_product(evaluator: PolicyEvaluator, supplier_id: str, sku: str, category: str, price_fen: int,
                       commission_rate_bp: int | None, references: dict[str, dict[str, Any]], as_of: dt.datetime
                       ) -> dict[str, Any]:
    """List (or re-list) a product; refused listings are kept with the rules they failed. Without a rate of its own
    (`commission_rate_bp` None) its lines earn the program's rate for its category when each order is decided.
    A re-listing keeps the parity snapshots on record that it does not replace with newer ones: a breach the
    platform recorded is not cured by listing the product again without it."""
    supplier = await _visible_supplier(supplier_id)
    if category not in supplier.categories:
        raise InvalidInput(f"{supplier_id} was approved for {', '.join(supplier.categories)}, not {category}",
                           code="category_not_approved", errors=[{"field": "category", "message": "not approved"}])
    try:
        return await _list(evaluator, supplier, sku, category, price_fen, commission_rate_bp, references, as_of)
    except IntegrityError:  # two first listings of one SKU at once: the second is a re-listing of the first
        return await _list(evaluator, supplier, sku, category, price_fen, commission_rate_bp, references, as_of)


async def _list(evaluator: PolicyEvaluator, supplier: Supplier, sku: str, category: str, price_fen: int,
                commission_rate_bp: int | None, references: dict[str, dict[str, Any]], as_of: dt.datetime
                ) -> dict[str, Any]:
    async with action_transaction() as conn:
        product = await Product.filter(supplier_id=supplier.supplier_id, sku=sku).using_db(conn).select_for_update(
            ).first()
        if product is None:
            product = Product(supplier=supplier, sku=sku, status="new")
        references = _snapshots_in_order(product.references or {}, references, "references.")
        # without a rate of its own the listing earns the program's, which `judge_listing` judges
        product.program_rate = commission_rate_bp is None
        product.category, product.price_fen = category, price_fen
        if commission_rate_bp is not None:
            product.commission_rate_bp = commission_rate_bp
        product.references = {**(product.references or {}), **references}
        await judge_listing(evaluator, product, as_of, conn)
        await product.save(using_db=conn)
    return product_view(product)


async def update_references(evaluator: PolicyEvaluator, supplier_id: str, sku: str,
                            references: dict[str, dict[str, Any]], as_of: dt.datetime) -> dict[str, Any]:
    """New parity snapshots re-check the listing: a breach suspends it, a cure lists it again."""
    async with action_transaction() as conn:
        product = await Product.filter(supplier_id=supplier_id, sku=sku).using_db(conn).select_for_update().first()
        if product is None:
            raise NotFound(f"{supplier_id} has no product {sku!r}", code="product_not_found")
        references = _snapshots_in_order(product.references, references, "")
        product.references = {**product.references, **references}
        await judge_listing(evaluator, product, as_of, conn)
        await product.save(using_db=conn)
    return product_view(product)


async def listed_product(supplier_id: str, sku: str) -> Product:
    """The listed product (its terms are the source of record), or 409 when it is not listed or hidden."""
    supplier = await _visible_supplier(supplier_id)
    return _listed(supplier_id, sku, await Product.get_or_none(supplier_id=supplier.supplier_id, sku=sku))


async def listed_products(wanted: list[tuple[str, str]]) -> list[ListingTerms]:
    """The listing terms of each (supplier_id, sku), in order, read in one statement of plain columns
    (store/listing_reads.py): an order's lines are checked at once. The first pair that is not a listed product of
    a visible supplier answers as listed_product would."""
    suppliers, terms = await listing_terms(wanted)
    out = []
    for supplier_id, sku in wanted:
        _visible(supplier_id, suppliers.get(supplier_id))
        found = terms.get((supplier_id, sku))
        if found is None or found.status != "listed":
            raise _not_listed(supplier_id, sku, await Product.get_or_none(supplier_id=supplier_id, sku=sku))
        out.append(found)
    return out


def _listed(supplier_id: str, sku: str, product: Product | None) -> Product:
    if product is None or product.status != "listed":
        raise _not_listed(supplier_id, sku, product)
    return product


def _not_listed(supplier_id: str, sku: str, product: Product | None) -> Conflict:
    """409 `product_not_listed`, with the rules a refused or suspended listing failed."""
    status = product.status if product else "not listed"
    return Conflict(f"{supplier_id}/{sku} is {status}; it cannot be shelved, quoted or ordered",
                    code="product_not_listed", failed_rules=product.failed_rules if product else [])


def require_listed_terms(product: Product | ListingTerms, category: str, price_fen: int, field: str) -> None:
    """422 `terms_differ_from_listing`, naming `<field>category` or `<field>price` (`field`: the request's prefix,
    such as `items.0.`), unless the caller's category and price are the listing's: the listing is the record of a
    product's terms."""
    name = f"{product.supplier_id}/{product.sku}"  # type: ignore[union-attr]
    if category != product.category:
        raise InvalidInput(f"{name} is listed in {product.category}, not {category}", code="terms_differ_from_listing",
                           errors=[{"field": f"{field}category", "message": f"listed as {product.category}"}])
    if price_fen != product.price_fen:
        listed = format_yuan(product.price_fen)
        raise InvalidInput(f"{name} is listed at RMB {listed}, not RMB {format_yuan(price_fen)}",
                           code="terms_differ_from_listing",
                           errors=[{"field": f"{field}price", "message": f"listed at {listed}"}])


async def get_product(supplier_id: str, sku: str, *, ever_listed: bool = False) -> dict[str, Any]:
    """The product's view. `ever_listed` (a storefront reading the catalogue): a product the parity rules refused
    before it was ever listed is the supplier's own, not found (its terms and its price elsewhere are the supplier's
    business); a suspended one was listed, and shows why it cannot be ordered now."""
    product = await Product.get_or_none(supplier_id=supplier_id, sku=sku)
    if product is None or (ever_listed and product.status == "refused"):
        raise NotFound(f"{supplier_id} has no product {sku!r}", code="product_not_found")
    return product_view(product)


def product_view(product: Product) -> dict[str, Any]:
    return {"supplier_id": product.supplier_id, "sku": product.sku,  # type: ignore[attr-defined]
            "category": product.category, "price": format_yuan(product.price_fen),
            "commission_rate_bp": product.commission_rate_bp,
            "commission_rate": format_percent(product.commission_rate_bp), "program_rate": product.program_rate,
            "status": product.status,
            "failed_rules": product.failed_rules, "decision_id": str(product.decision_id),
            "references": {kind: _reference_view(kind, ref) for kind, ref in product.references.items()}}


def _reference_view(kind: str, ref: dict[str, Any]) -> dict[str, Any]:
    """A parity snapshot as it was given: the taoke rate in percent, another platform's price in yuan."""
    value = ref["value"]
    shown = {"rate": format_percent(value)} if kind == "taoke_commission" else {"price": format_yuan(value)}
    return {**shown, "source": ref["source"], "observed_at": ref["observed_at"]}
