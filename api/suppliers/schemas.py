"""Request bodies of supplier onboarding."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints, model_validator

from api.common.schemas import Category, Id, Strict, UtcDatetime, Yuan
from engine.fields import iso_utc, parse_yuan

Text = Annotated[str, StringConstraints(min_length=1, max_length=200)]


class ChainLink(Strict):
    grantor: Text
    grantee: Text
    document_id: Id
    valid_from: dt.date
    valid_to: dt.date

    @model_validator(mode="after")
    def ordered(self) -> ChainLink:
        if self.valid_to < self.valid_from:
            raise ValueError("valid_to is before valid_from")
        return self


class BrandAuthorization(Strict):
    brand: Text
    chain: list[ChainLink] = Field(min_length=1, max_length=20,
                                   description="from the brand owner down to the applicant")


class PurchaseVoucher(Strict):
    brand: Text
    documents: list[Id] = Field(max_length=200)
    traceable_to_source: bool


class SupplierApplicationIn(Strict):
    application_id: Id
    legal_name: Text
    uscc: Annotated[str, StringConstraints(min_length=1, max_length=32)]
    entity_kind: Literal["brand", "dealer", "factory", "offline_merchant"]
    registered_capital: Yuan
    taxpayer_type: Literal["general", "small_scale"]
    deposit_paid: Yuan
    categories: list[Category] = Field(min_length=1, max_length=50)
    brand_authorizations: list[BrandAuthorization] = Field(default_factory=list, max_length=50)
    purchase_vouchers: list[PurchaseVoucher] = Field(default_factory=list, max_length=50)
    as_of: UtcDatetime | None = Field(default=None, description="not accepted: the platform judges an application "
                                      "as of when it receives it (a reviewer may preview another date)")


class DepositPaymentIn(Strict):
    payment_id: Id
    amount: Yuan = Field(description="the amount received, yuan")
    reference: Annotated[str, StringConstraints(min_length=1, max_length=100)] = Field(
        description="the bank or payment reference the money arrived with (at most 100 characters: it is kept in the "
                    "movement's reason)")

    @model_validator(mode="after")
    def positive(self) -> DepositPaymentIn:
        if parse_yuan(self.amount) <= 0:
            raise ValueError("a payment is more than 0.00")
        return self


class Override(Strict):
    requirement_id: Id
    justification: Annotated[str, StringConstraints(min_length=10, max_length=2000, strip_whitespace=True)]


class ReviewDecision(Strict):
    decision: Literal["approve", "reject"]
    reason: Annotated[str, StringConstraints(min_length=1, max_length=2000, strip_whitespace=True)]
    overrides: list[Override] = Field(default_factory=list, max_length=50)


class RateReference(Strict):
    rate_bp: int = Field(ge=0, le=10_000)
    source: Text
    observed_at: UtcDatetime


class PriceReference(Strict):
    price: Yuan
    source: Text
    observed_at: UtcDatetime


class ParityReferences(Strict):
    taoke_commission: RateReference | None = Field(default=None, description="the same goods on the taoke market")
    other_platform_price: PriceReference | None = Field(default=None, description="lowest price elsewhere")

    def snapshots(self) -> dict[str, dict[str, Any]]:
        """{kind: {value (bp or fen), source, observed_at}} for the references given."""
        out: dict[str, dict[str, Any]] = {}
        if self.taoke_commission:
            ref = self.taoke_commission
            out["taoke_commission"] = {"value": ref.rate_bp, "source": ref.source,
                                       "observed_at": iso_utc(ref.observed_at)}
        if self.other_platform_price:
            p = self.other_platform_price
            out["other_platform_price"] = {"value": parse_yuan(p.price), "source": p.source,
                                           "observed_at": iso_utc(p.observed_at)}
        return out


class ProductIn(Strict):
    sku: Id
    category: Category
    price: Yuan
    commission_rate_bp: int | None = Field(default=None, ge=0, le=10_000, description=(
        "the supplier's commission rate for the product; omitted, its lines earn the program's rate for the "
        "category (rules/commission.yaml), as in force when each order is decided"))
    references: ParityReferences = Field(default_factory=ParityReferences)


class DepositMovementIn(Strict):
    movement_id: Id
    kind: Literal["payment", "deduction", "release"]
    amount: Yuan = Field(description="more than 0.00; ignored for a release, which returns the whole balance")
    reason: Text
    at: UtcDatetime

    @model_validator(mode="after")
    def moves_money(self) -> DepositMovementIn:
        """A payment or deduction of 0.00 moves nothing, yet would be booked, judged and named in the ledger."""
        if self.kind != "release" and parse_yuan(self.amount) <= 0:
            raise ValueError(f"a {self.kind} is more than 0.00")
        return self
