"""Request bodies of supplier onboarding."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from api.schemas import Category, Id, Strict, UtcDatetime, Yuan

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
    as_of: UtcDatetime | None = Field(default=None, description="evaluate as of this time (default now)")


class Override(Strict):
    requirement_id: Id
    justification: Annotated[str, StringConstraints(min_length=10, max_length=2000, strip_whitespace=True)]


class ReviewDecision(Strict):
    decision: Literal["approve", "reject"]
    reason: Annotated[str, StringConstraints(min_length=1, max_length=2000, strip_whitespace=True)]
    overrides: list[Override] = Field(default_factory=list, max_length=50)
