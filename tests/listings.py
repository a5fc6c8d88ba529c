"""The goods the tests order, listed by the test supplier: every order line names the supplier of a listed product,
and its category and price are the listing's.

The supplier is onboarded through the API as a real one is (it applies, the platform records its deposit, a reviewer
approves it) once per database, and lists each SKU a test orders on first use, naming no commission rate of its own:
its lines earn the program's rate for the goods' category, as in force when each order is decided (the policy a test
runs decides the commission it expects). A SKU ordered at another price or category is listed again with those terms
first (the listing is the record of a product's terms; orders already recorded keep theirs).

    book = Listings()                # what is listed; one per database (or per client of it)
    book.listings(items)             # the requests (role, method, path, body) that list what the items need and
                                     # is not listed yet
    book.onboarding()                # those that onboard the supplier (unless book.supplier_on_record() is 200)
    listed(items)                    # the items naming the supplier
    await list_goods(client, keys, book, items)   # both, through an httpx.AsyncClient
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import httpx

from engine import load_policy_set
from tests.onboarding.helpers import ROOT, TEST_APPLICANT, app_path, application, deposit_payment

SUPPLIER = TEST_APPLICANT
APPLICATION = "APP-GOODS"
# the deposit the platform records for it: enough for any entity kind
DEPOSIT = "50000.00"
# the keys that onboard the supplier and list its goods on a served process, by role (SERVED_SUPPLY_KEYS: as
# tests/browser.py's served() takes them, beside a test's own key of the role)
SUPPLY_DEV_KEYS = {"supplier": "xpk_goods_supplier_00000000001", "reviewer": "xpk_goods_reviewer_00000000001",
                   "policy_admin": "xpk_goods_admin_0000000000001"}
SERVED_SUPPLY_KEYS = {f"{role}#goods": key for role, key in SUPPLY_DEV_KEYS.items()}


@functools.cache
def every_category() -> tuple[list[str], list[str]]:
    """The taxonomy's categories: those of the four core groups and those outside them."""
    taxonomy = load_policy_set(ROOT).taxonomy
    inside = [c for name in taxonomy.core_groups for c in taxonomy.groups[name]]
    outside = sorted(taxonomy.categories - set(inside))
    return inside, outside


@dataclass(frozen=True)
class Request:
    role: str
    method: str
    path: str
    body: Any
    accepted: tuple[int, ...] = (200, 201)
    done_before: str | None = None  # the problem code that says this step was taken before (another client)

    def answered(self, status: int, body: Any) -> bool:
        """Whether the answer is the step taken (now or before)."""
        return status in self.accepted or (self.done_before is not None and isinstance(body, dict)
                                           and body.get("code") == self.done_before)


@dataclass
class Listings:
    """What the test supplier has listed on one database, and the requests that list more."""

    onboarded: bool = False
    terms: dict[str, tuple[str, str]] = field(default_factory=dict)  # sku -> (category, price) listed

    @staticmethod
    def supplier_on_record() -> Request:
        """Whether the supplier is on record (200) or not (404): a test may have onboarded it in its own way."""
        return Request("reviewer", "GET", f"/v1/suppliers/{SUPPLIER}/deposit", None, (200, 404))

    def onboarding(self) -> list[Request]:
        """Apply for every category of the taxonomy (those outside the core groups by the reviewer's override),
        record the deposit, approve."""
        inside, outside = every_category()
        justification = "the test supplier also sells goods outside the core groups, as the tests order them"
        return [
            Request("supplier", "POST", "/v1/supplier-applications",
                    application(APPLICATION, categories=inside + outside)),
            Request("policy_admin", "POST", app_path(APPLICATION, "/deposit-payments"),
                    deposit_payment(APPLICATION, DEPOSIT)),
            Request("reviewer", "POST", app_path(APPLICATION, "/decision"),
                    {"decision": "approve", "reason": "compliant",
                     "overrides": [{"requirement_id": "core_categories_only", "justification": justification}]},
                    done_before="already_decided"),
        ]

    def listings(self, items: Iterable[Mapping[str, Any]]) -> list[Request]:
        """The listings these items need (those naming no supplier), each SKU at the item's category and price,
        with no rate of its own (the program's rate for the category)."""
        out = []
        for item in items:
            if item.get("supplier_id") is not None:
                continue
            sku, terms = str(item["sku"]), (str(item["category"]), str(item["price"]))
            if self.terms.get(sku) == terms:
                continue
            self.terms[sku] = terms
            out.append(Request("supplier", "POST", f"/v1/suppliers/{SUPPLIER}/products",
                               {"sku": sku, "category": terms[0], "price": terms[1]}, (201,)))
        return out


def listed(items: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The items, each naming the test supplier unless it names a supplier already."""
    return [dict(item) if item.get("supplier_id") is not None else {**item, "supplier_id": SUPPLIER}
            for item in items]


async def list_goods(client: httpx.AsyncClient, keys: Mapping[str, str], book: Listings,
                     items: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Lists what the items need through the API (`keys`: a key of each role by its name), onboarding the supplier
    first when it is not on record, and returns the items naming the supplier."""
    async def send(step: Request) -> int:
        r = await client.request(step.method, step.path, json=step.body,
                                 headers={"Authorization": f"Bearer {keys[step.role]}"})
        assert step.answered(r.status_code, r.json()), (step.path, r.text)
        return r.status_code

    items = list(items)
    listings = book.listings(items)
    if listings and not book.onboarded:
        if await send(book.supplier_on_record()) == 404:
            for step in book.onboarding():
                await send(step)
        book.onboarded = True
    for step in listings:
        await send(step)
    return listed(items)


def list_goods_sync(client: httpx.Client, keys: Mapping[str, str], book: Listings,
                    items: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """list_goods with a synchronous client (a served process)."""
    def send(step: Request) -> int:
        r = client.request(step.method, step.path, json=step.body,
                           headers={"Authorization": f"Bearer {keys[step.role]}"})
        assert step.answered(r.status_code, r.json()), (step.path, r.text)
        return r.status_code

    items = list(items)
    listings = book.listings(items)
    if listings and not book.onboarded:
        if send(book.supplier_on_record()) == 404:
            for step in book.onboarding():
                send(step)
        book.onboarded = True
    for step in listings:
        send(step)
    return listed(items)
